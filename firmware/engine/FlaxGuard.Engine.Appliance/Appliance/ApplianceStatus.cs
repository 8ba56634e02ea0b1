namespace FlaxGuard.Engine.Appliance
{
    /// <summary>What the appliance shows on its LED (or display), worst first in <see cref="StatusSelector"/>.</summary>
    public enum ApplianceStatus
    {
        /// <summary>The last round verified every device and found nothing above Low.</summary>
        Ok = 0,
        /// <summary>Something changed or could not be verified (Medium or High, or a probe could not verify).</summary>
        Drift = 1,
        /// <summary>The host has not been reached for too long, or there is no network or no job.</summary>
        Offline = 2,
        /// <summary>The last round found something Critical. Shown even while offline: then the LED is the only alarm.</summary>
        Critical = 3,
    }
}
