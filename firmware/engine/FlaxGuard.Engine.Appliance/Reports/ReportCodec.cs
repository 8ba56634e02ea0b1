using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// Canonical body of a report: for each target its id, its canonical fact set and its verdicts, all
    /// length-prefixed big-endian, so the same report always has the same bytes and the MAC covers meaning,
    /// not formatting.
    /// <code>
    /// u32 targetCount
    /// per target: string id, FactSet canonical (FGF1 ...), u32 verdictCount,
    ///             per verdict: u8 kind, u8 severity, string code, string subject, string message
    /// </code>
    /// </summary>
    public static class ReportCodec
    {
        public static void WriteBody(ByteWriter writer, ReportTarget[] targets)
        {
            writer.WriteUInt32((uint)targets.Length);
            for (int t = 0; t < targets.Length; t++)
            {
                ReportTarget target = targets[t];
                writer.WriteString(target.TargetId);
                target.Facts.WriteCanonical(writer);
                writer.WriteUInt32((uint)target.Verdicts.Length);
                for (int v = 0; v < target.Verdicts.Length; v++)
                {
                    Verdict verdict = target.Verdicts[v];
                    writer.WriteByte((byte)verdict.Kind);
                    writer.WriteByte((byte)verdict.Severity);
                    writer.WriteString(verdict.Code);
                    writer.WriteString(verdict.Subject);
                    writer.WriteString(verdict.Message);
                }
            }
        }

        public static ReportTarget[] ReadBody(ByteReader reader)
        {
            uint count = reader.ReadUInt32();
            if (count > ReportLimits.MaxTargets) throw new FormatException("report names " + count.ToString() + " targets, more than the limit of " + ReportLimits.MaxTargets.ToString());
            ReportTarget[] targets = new ReportTarget[count];
            for (int t = 0; t < targets.Length; t++)
            {
                string id = reader.ReadString(ReportLimits.MaxStringBytes, "target id");
                if (id.Length == 0) throw new FormatException("target id is empty");
                FactSet facts = FactSet.DecodeCanonical(reader, ReportLimits.MaxFactsPerTarget);
                uint verdictCount = reader.ReadUInt32();
                if (verdictCount > ReportLimits.MaxVerdictsPerTarget) throw new FormatException("target " + FactText.Clean(id, 64) + " has too many verdicts");
                if (verdictCount * 14 > (uint)reader.Remaining) throw new FormatException("verdict count is larger than the data");
                Verdict[] verdicts = new Verdict[verdictCount];
                for (int v = 0; v < verdicts.Length; v++)
                {
                    byte kind = reader.ReadByte();
                    byte severity = reader.ReadByte();
                    if (kind < (byte)VerdictKind.Firmware || kind > (byte)VerdictKind.Probe) throw new FormatException("verdict kind " + kind.ToString() + " is unknown");
                    if (severity > (byte)Severity.Critical) throw new FormatException("verdict severity " + severity.ToString() + " is unknown");
                    string code = reader.ReadString(Verdict.MaxCodeLength, "verdict code");
                    string subject = reader.ReadString(ReportLimits.MaxStringBytes, "verdict subject");
                    string message = reader.ReadString(ReportLimits.MaxStringBytes, "verdict message");
                    if (code.Length == 0) throw new FormatException("verdict code is empty");
                    verdicts[v] = new Verdict((VerdictKind)kind, (Severity)severity, code, subject, message);
                }
                targets[t] = new ReportTarget(id, facts, verdicts);
            }
            if (reader.Remaining != 0) throw new FormatException("report body has " + reader.Remaining.ToString() + " bytes after its end");
            return targets;
        }
    }
}
