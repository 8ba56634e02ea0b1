using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Firmware identity from "system board" (procd): release.distribution/version/revision/target, board_name
    /// and model. fw.model is the board name, because that is what OpenWrt's published image lists
    /// (profiles.json supported_devices) and the firmware database key on.
    /// </summary>
    public static class BoardFacts
    {
        public static void Read(JsonValue board, OpenWrtFactSheet sheet)
        {
            if (board == null) throw new UbusDataException("the device sent no data for system board");
            JsonValue release = board.Member("release");
            if (release == null || !release.IsObject) throw new UbusDataException("the system board answer has no release object");
            string distribution = Required(release, "distribution", "release.distribution");
            string version = Required(release, "version", "release.version");
            string revision = Required(release, "revision", "release.revision");
            string target = Required(release, "target", "release.target");
            string boardName = Required(board, "board_name", "board_name");
            sheet.Add("fw.vendor", Ordinal.ToLowerAscii(FactText.Clean(distribution, 64)), FactKind.Firmware);
            sheet.Add("fw.model", Ordinal.ToLowerAscii(FactText.Clean(boardName, 120)), FactKind.Identity);
            sheet.Add("fw.version", FactText.Clean(version, 64), FactKind.Firmware);
            sheet.Add("fw.build", FactText.Clean(revision, 64), FactKind.Firmware);
            sheet.Add("openwrt.distribution", FactText.Clean(distribution, 64), FactKind.Firmware);
            sheet.Add("openwrt.target", FactText.Clean(target, 64), FactKind.Firmware);
            OpenWrtReleases.Read(FactText.Clean(distribution, 64), FactText.Clean(version, 64), FactText.Clean(revision, 64), sheet);
            string model = Optional(board, "model", "model");
            if (model != null && model.Length > 0) sheet.Add("openwrt.model", FactText.Clean(model, 120), FactKind.Identity);
            string kernel = Optional(board, "kernel", "kernel");
            if (kernel != null && kernel.Length > 0) sheet.Add("openwrt.kernel", FactText.Clean(kernel, 64), FactKind.Firmware);
        }

        private static string Required(JsonValue holder, string name, string shown)
        {
            string value = Optional(holder, name, shown);
            if (value == null || FactText.Clean(value, 64).Length == 0) throw new UbusDataException("the system board answer has no " + shown);
            return value;
        }

        private static string Optional(JsonValue holder, string name, string shown)
        {
            JsonValue v = holder.Member(name);
            if (v == null) return null;
            if (v.Kind != JsonKind.String) throw new UbusDataException("the system board answer has a " + shown + " that is a JSON " + UbusClient.KindName(v) + ", not text");
            return v.Text;
        }
    }
}
