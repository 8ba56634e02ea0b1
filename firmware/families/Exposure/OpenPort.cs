namespace FlaxGuard.Engine.Probes
{
    /// <summary>One port a sweep found open on one host, with its greeting (or null) and how it was waited for.</summary>
    public sealed class OpenPort
    {
        public OpenPort(int port, string banner, int greeting, int waitedMs)
        {
            Port = port;
            Banner = banner;
            Greeting = greeting;
            WaitedMs = waitedMs;
        }

        public int Port { get; private set; }

        public string Banner { get; private set; }

        /// <summary>The <see cref="GreetingPolicy"/> class the port was given.</summary>
        public int Greeting { get; private set; }

        /// <summary>Milliseconds between the connect and closing the connection.</summary>
        public int WaitedMs { get; private set; }
    }
}
