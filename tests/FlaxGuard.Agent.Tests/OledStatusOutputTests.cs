using FlaxGuard.Agent.Status;
using FlaxGuard.Agent.Tests.Fakes;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Verdicts;
using Iot.Device.Graphics;

namespace FlaxGuard.Agent.Tests;

[TestClass]
public sealed class OledStatusOutputTests
{
    private const int FrameBytes = 128 * 64 / 8;

    private static AgentStatusView View(ApplianceStatus status, int queued = 0) => new(status, "pi", 3, Severity.Critical, queued, 5, null);

    [TestMethod]
    public void Open_SendsOnlyControllerCommands()
    {
        var device = new RecordingI2cDevice(1, 0x3C);
        using var oled = new OledStatusOutput(device);
        Assert.IsTrue(device.Transactions.All(t => t.Length >= 2 && t[0] == 0x00), "every init transaction is a command (control byte 0x00)");
        CollectionAssert.AreEqual(new byte[] { 0x00, 0xAE }, device.Transactions[0], "first the display goes off");
        CollectionAssert.AreEqual(new byte[] { 0x00, 0xAF }, device.Transactions[^1], "last the display goes on");
        Assert.IsTrue(device.Transactions.Any(t => t.SequenceEqual(new byte[] { 0x00, 0x8D, 0x14 })), "the charge pump is not enabled (no picture without it)");
        Assert.IsTrue(device.Transactions.Any(t => t.SequenceEqual(new byte[] { 0x00, 0x20, 0x00 })), "horizontal addressing is not selected");
        Assert.IsTrue(device.Transactions.Any(t => t.SequenceEqual(new byte[] { 0x00, 0xA8, 0x3F })), "the multiplex ratio is not 64 rows");
        Assert.IsEmpty(device.DataBytes(), "pixel data was sent before any status");
    }

    [TestMethod]
    public void Show_SendsOneWholeFrameOfTheRenderedLines()
    {
        var device = new RecordingI2cDevice(1, 0x3C);
        using var oled = new OledStatusOutput(device);
        var view = View(ApplianceStatus.Critical, queued: 7);
        oled.Show(view);
        var sent = device.DataBytes();
        Assert.HasCount(FrameBytes, sent);
        var firstData = device.Transactions.FindIndex(t => t[0] == 0x40);
        CollectionAssert.AreEqual(new byte[] { 0x00, 0x21, 0x00, 0x7F }, device.Transactions[firstData - 2], "the frame does not start at column 0..127");
        CollectionAssert.AreEqual(new byte[] { 0x00, 0x22, 0x00, 0x07 }, device.Transactions[firstData - 1], "the frame does not cover pages 0..7");
        var expected = new TextFrame(128, 64, new Font5x8());
        expected.Render(view.Lines());
        CollectionAssert.AreEqual(expected.Bytes, sent);
        Assert.IsTrue(sent.Take(128).Any(b => b != 0), "the first line is blank");
        // "FlaxGuard CRITICAL" is 18 characters: the rest of page 0 stays dark.
        Assert.IsTrue(sent.Skip(18 * TextFrame.CharacterAdvance).Take(128 - 18 * TextFrame.CharacterAdvance).All(b => b == 0));
        Assert.IsTrue(sent.Skip(4 * 128).All(b => b == 0), "pages below the four status lines are not blank");
    }

    [TestMethod]
    public void UnchangedText_IsNotSentAgain_ChangedTextIs()
    {
        var device = new RecordingI2cDevice(1, 0x3C);
        using var oled = new OledStatusOutput(device);
        oled.Show(View(ApplianceStatus.Ok));
        var afterFirst = device.Transactions.Count;
        oled.Show(View(ApplianceStatus.Ok));
        Assert.HasCount(afterFirst, device.Transactions);
        oled.Show(View(ApplianceStatus.Offline));
        Assert.HasCount(2 * FrameBytes, device.DataBytes());
        CollectionAssert.AreNotEqual(device.DataBytes().Take(FrameBytes).ToArray(), device.DataBytes().Skip(FrameBytes).ToArray());
    }

    [TestMethod]
    public void Glyphs_AreUprightAndLeftToRight()
    {
        // A hyphen is one horizontal stroke: several adjacent columns with the same single row lit.
        var frame = new TextFrame(128, 64, new Font5x8());
        frame.Render(["-"]);
        var columns = Enumerable.Range(0, TextFrame.CharacterAdvance).Select(x => frame.Bytes[x]).Where(b => b != 0).ToList();
        Assert.IsGreaterThanOrEqualTo(3, columns.Count, "a hyphen must span several columns");
        Assert.IsTrue(columns.All(b => b == columns[0] && System.Numerics.BitOperations.PopCount(b) == 1), "a hyphen must be one row");
        // A vertical bar is one column with several rows lit.
        frame.Render(["|"]);
        var lit = Enumerable.Range(0, TextFrame.CharacterAdvance).Where(x => frame.Bytes[x] != 0).ToList();
        Assert.HasCount(1, lit);
        Assert.IsGreaterThanOrEqualTo(5, System.Numerics.BitOperations.PopCount(frame.Bytes[lit[0]]));
        // 'L' has its vertical stroke on the left and its foot at the bottom.
        frame.Render(["L"]);
        var first = Enumerable.Range(0, TextFrame.CharacterAdvance).First(x => frame.Bytes[x] != 0);
        Assert.IsGreaterThanOrEqualTo(5, System.Numerics.BitOperations.PopCount(frame.Bytes[first]), "the stroke of L is not on the left");
        var foot = Enumerable.Range(first + 1, 3).Select(x => frame.Bytes[x]).ToList();
        Assert.IsTrue(foot.All(b => b != 0 && b == foot[0]), "the foot of L is not one row");
        Assert.IsGreaterThan(1 << 3, (int)foot[0], "the foot of L is not at the bottom");
    }

    [TestMethod]
    public void StatusLines_FitOneDisplayLineEach()
    {
        var worst = new AgentStatusView(ApplianceStatus.Critical, "a-very-long-appliance-name", 64, Severity.Critical, 10_000, 3_600_000, DateTimeOffset.UtcNow);
        var frame = new TextFrame(128, 64, new Font5x8());
        foreach (var line in worst.Lines()) Assert.IsLessThanOrEqualTo(frame.CharactersPerLine, line.Length, $"'{line}' is longer than {frame.CharactersPerLine} characters");
    }

    [TestMethod]
    public void Dispose_ReleasesTheI2cDevice()
    {
        var device = new RecordingI2cDevice(1, 0x3C);
        new OledStatusOutput(device).Dispose();
        Assert.IsTrue(device.Disposed);
        CollectionAssert.AreEqual(new byte[] { 0x00, 0xAE }, device.Transactions[^1], "the display is not switched off on exit");
    }
}
