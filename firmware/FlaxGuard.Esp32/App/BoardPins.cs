namespace FlaxGuard.Esp32.App
{
    /// <summary>
    /// Pins of the usual ESP32 DevKit boards: the on-board LED on GPIO 2 and the BOOT button on GPIO 0 (pulled up,
    /// pressed = low). Change them here for other boards (ESP32-C3 DevKitM: LED 8, BOOT 9; WT32-ETH01: no user LED).
    /// </summary>
    public static class BoardPins
    {
        public const int StatusLed = 2;
        public const bool StatusLedActiveLow = false;
        public const int CheckButton = 0;
    }
}
