using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>Reading authorized_keys in place gives the facts the line-copying reader gave (kept here as the reference).</summary>
[TestClass]
public sealed class SshKeyFactsEquivalenceTests
{
    private static Dictionary<string, string> Reference(string file)
    {
        var facts = new Dictionary<string, SortedSet<string>>();
        foreach (var raw in file.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var tokens = new List<string>();
            var i = 0;
            while (i < line.Length && tokens.Count < 3)
            {
                while (i < line.Length && line[i] <= ' ') i++;
                if (i >= line.Length) break;
                var begin = i;
                var quoted = false;
                while (i < line.Length && (quoted || line[i] > ' ')) { if (line[i] == '"') quoted = !quoted; i++; }
                tokens.Add(line[begin..i]);
            }
            static bool IsType(string t) => t.StartsWith("ssh-", StringComparison.Ordinal) || t.StartsWith("ecdsa-", StringComparison.Ordinal) || t.StartsWith("sk-", StringComparison.Ordinal);
            var at = tokens.Count > 0 && !IsType(tokens[0]) ? 1 : 0;
            string? type = null, blob = null;
            if (tokens.Count >= at + 2 && IsType(tokens[at])) { type = tokens[at]; blob = tokens[at + 1]; }
            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(type == null ? line : blob!)))[..16];
            var key = "cfg.sshkey." + id;
            if (!facts.TryGetValue(key, out var values)) facts[key] = values = new SortedSet<string>(StringComparer.Ordinal);
            values.Add("root " + (type == null ? "unknown" : FlaxGuard.Engine.Text.Ordinal.ToLowerAscii(type)));
        }
        return facts.ToDictionary(f => f.Key, f => string.Join(", ", f.Value));
    }

    [TestMethod]
    [DataRow("ssh-ed25519 AAAAC3Nza owner@laptop\n")]
    [DataRow("# only a comment\n\n   \n\t# indented comment")]
    [DataRow("\u00A0 SSH-RSA AAAAB3 x\r\nssh-RSA AAAAB3 y\r\n")]
    [DataRow("command=\"echo a b\",no-pty ssh-ed25519 AAAAblob c\nno-pty,from=\"1.2.3.4\" ecdsa-sha2-nistp256 AAAAE2 d")]
    [DataRow("garbage line here\nssh-ed25519\nsk-ssh-ed25519@openssh.com AAAAGnNr\nünïcødé ssh-ed25519 AAAA€blob")]
    [DataRow("ssh-ed25519 AAAA\uD800lone\nx \uD83D\uDE00 y")]
    public void Read_GivesTheFactsOfTheCopyingReader(string file)
    {
        var sheet = new OpenWrtFactSheet();
        SshKeyFacts.Read(file, "root", sheet);
        var expected = Reference(file);
        Assert.AreEqual(expected.Count, sheet.Count, file);
        foreach (var (key, value) in expected) Assert.AreEqual(value, sheet.Value(key), key);
    }
}
