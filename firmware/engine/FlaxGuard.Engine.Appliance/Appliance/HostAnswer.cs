using FlaxGuard.Engine.Json;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Reads the one number an appliance needs from the host's JSON answer to a report: "highWater", the highest report
    /// counter the host holds from it (sent with 412, another report holds this counter). Bounded: a longer or stranger
    /// answer gives 0, which makes the uploader keep the report queued as refused instead of sealing it again.
    /// </summary>
    public static class HostAnswer
    {
        public const int MaxBytes = 2048;
        private const int MaxDigits = 18;

        /// <summary>The "highWater" member as a positive whole number, or 0 when absent, malformed or out of range.</summary>
        public static long HighWater(byte[] body)
        {
            if (body == null || body.Length == 0 || body.Length > MaxBytes) return 0;
            string error;
            JsonValue root = JsonParser.Parse(body, 0, body.Length, new JsonLimits(4, 512, 32), out error);
            if (root == null || !root.IsObject) return 0;
            JsonKind kind;
            if (!root.TryMemberKind("highWater", out kind) || kind != JsonKind.Number) return 0;
            string text = root.MemberText("highWater");
            if (text == null || text.Length == 0 || text.Length > MaxDigits) return 0;
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return 0;
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
