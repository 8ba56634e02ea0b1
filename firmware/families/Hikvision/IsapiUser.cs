namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>One account from /ISAPI/Security/users: its name and its level (Administrator, Operator, Viewer). The password is never read.</summary>
    public sealed class IsapiUser
    {
        public IsapiUser(string name, string level)
        {
            Name = name;
            Level = level;
        }

        public string Name { get; private set; }

        public string Level { get; private set; }
    }
}
