using FlaxGuard.Engine.Probes.Profiles;

namespace FlaxGuard.Engine.Families
{
    /// <summary>What a family needs to build its probes for one device: where its admin interface is and how to log in.</summary>
    public sealed class FamilyTarget
    {
        public FamilyTarget(ProfileAddress address, string user, string password)
            : this(address, user, password, null)
        {
        }

        public FamilyTarget(ProfileAddress address, string user, string password, ProbeSettings settings)
        {
            Address = address;
            User = user;
            Password = password;
            Settings = settings == null ? new ProbeSettings() : settings;
        }

        public ProfileAddress Address { get; private set; }

        /// <summary>Null when the device was enrolled without credentials.</summary>
        public string User { get; private set; }

        /// <summary>Null when the device was enrolled without credentials. Never logged, never put in a message.</summary>
        public string Password { get; private set; }

        /// <summary>Trusted resolver and SNMP credentials; never null.</summary>
        public ProbeSettings Settings { get; private set; }

        /// <summary>The scheme the address named, or the given default.</summary>
        public string SchemeOr(string fallback)
        {
            return Address.Scheme == null ? fallback : Address.Scheme;
        }

        /// <summary>The port the address named, or the default port of the scheme.</summary>
        public int PortFor(string scheme)
        {
            if (Address.Port != 0) return Address.Port;
            return scheme == "https" ? 443 : 80;
        }
    }
}
