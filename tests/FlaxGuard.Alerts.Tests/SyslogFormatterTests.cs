using System.Text;
using FlaxGuard.Alerts.Syslog;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Tests;

[TestClass]
public sealed class SyslogFormatterTests
{
    [TestMethod]
    [DataRow(Severity.Critical, 2)]
    [DataRow(Severity.High, 3)]
    [DataRow(Severity.Medium, 4)]
    [DataRow(Severity.Low, 5)]
    [DataRow(Severity.Info, 6)]
    public void Our_severities_map_to_syslog_severities(Severity ours, int syslog)
    {
        Assert.AreEqual(syslog, SyslogFormatter.SyslogSeverity(TestAlerts.Event(severity: ours)));
        Assert.AreEqual(5, SyslogFormatter.SyslogSeverity(TestAlerts.Event(severity: ours, state: AlertState.Cleared)), "cleared is notice");
    }

    [TestMethod]
    public void Sd_param_values_escape_quote_backslash_and_bracket()
    {
        Assert.AreEqual("a\\\"b\\\\c\\]d[e", SyslogFormatter.EscapeParamValue("a\"b\\c]d[e"));
    }

    [TestMethod]
    public void Message_has_rfc5424_header_structured_data_and_a_bom_before_the_text()
    {
        var alert = TestAlerts.Event(deviceName: "Büro \"1\"", severity: Severity.High);
        var bytes = SyslogFormatter.Format(alert, facility: 16, hostname: "fg-host", processId: 42);
        var text = Encoding.UTF8.GetString(bytes);
        var expectedHead = "<131>1 2026-11-27T03:30:00.000000Z fg-host flaxguard 42 FINDING [flaxguard@32473 state=\"raised\" severity=\"high\" appliance=\"appliance-1\" device-id=\"dev-1\" device=\"Büro \\\"1\\\"\" key=\"cfg.service.telnet\" id=\"" + alert.Id + "\"] ";
        StringAssert.StartsWith(text, expectedHead);
        var head = Encoding.UTF8.GetByteCount(expectedHead);
        CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[head..(head + 3)], "RFC 5424 6.4: UTF-8 MSG starts with a BOM");
        Assert.AreEqual(alert.Sentence, Encoding.UTF8.GetString(bytes, head + 3, bytes.Length - head - 3));
    }

    [TestMethod]
    public void Long_sentences_are_cut_to_fit_the_udp_limit()
    {
        var alert = TestAlerts.Event(sentence: string.Concat(Enumerable.Repeat("日本語 ", 2000)));
        var bytes = SyslogFormatter.Format(alert, 16, "h", 1);
        Assert.IsLessThanOrEqualTo(SyslogFormatter.MaxUdpMessageBytes, bytes.Length);
        var strict = new UTF8Encoding(false, true);
        StringAssert.EndsWith(strict.GetString(bytes), AlertText.Ellipsis.ToString());
    }

    [TestMethod]
    public void Octet_counting_prefixes_the_byte_length()
    {
        var framed = SyslogFormatter.OctetCounted(Encoding.UTF8.GetBytes("<14>1 ü"));
        Assert.AreEqual("8 <14>1 ü", Encoding.UTF8.GetString(framed));
    }

    [TestMethod]
    public void Header_fields_keep_printable_ascii_only()
    {
        Assert.AreEqual("-", SyslogFormatter.HeaderField("", 10));
        Assert.AreEqual("-", SyslogFormatter.HeaderField("日本", 10));
        Assert.AreEqual("abc", SyslogFormatter.HeaderField("a b\nc", 10));
        Assert.AreEqual("abcde", SyslogFormatter.HeaderField("abcdefgh", 5));
    }
}
