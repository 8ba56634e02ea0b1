using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// GET /ISAPI/System/deviceInfo: &lt;DeviceInfo&gt; with deviceName, model, serialNumber, firmwareVersion
    /// ("V5.5.0"), firmwareReleasedDate ("build 170725"), encoderVersion, encoderReleasedDate, deviceType,
    /// hardwareVersion and, on some firmware, manufacturer. Volatile or address-like members (deviceID,
    /// macAddress, telecontrolID) are not kept.
    /// </summary>
    public sealed class DeviceInfoDocument : IIsapiDocument
    {
        private static readonly string[] Leaves = new string[]
        {
            "deviceName", "deviceID", "model", "serialNumber", "macAddress", "firmwareVersion", "firmwareReleasedDate",
            "encoderVersion", "encoderReleasedDate", "deviceType", "hardwareVersion", "manufacturer", "telecontrolID",
        };

        public string RootName { get { return "DeviceInfo"; } }

        public string DeviceName { get; private set; }

        public string Model { get; private set; }

        public string SerialNumber { get; private set; }

        public string FirmwareVersion { get; private set; }

        public string FirmwareReleasedDate { get; private set; }

        public string EncoderVersion { get; private set; }

        public string EncoderReleasedDate { get; private set; }

        public string DeviceType { get; private set; }

        public string HardwareVersion { get; private set; }

        public string Manufacturer { get; private set; }

        public void Reset()
        {
            DeviceName = null;
            Model = null;
            SerialNumber = null;
            FirmwareVersion = null;
            FirmwareReleasedDate = null;
            EncoderVersion = null;
            EncoderReleasedDate = null;
            DeviceType = null;
            HardwareVersion = null;
            Manufacturer = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
        }

        public void OnEndElement(XmlScanner scanner)
        {
            if (scanner.Depth != 2) return;
            if (scanner.LocalNameIs("deviceName")) DeviceName = IsapiField.Take(scanner, DeviceName, "deviceName");
            else if (scanner.LocalNameIs("model")) Model = IsapiField.Take(scanner, Model, "model");
            else if (scanner.LocalNameIs("serialNumber")) SerialNumber = IsapiField.Take(scanner, SerialNumber, "serialNumber");
            else if (scanner.LocalNameIs("firmwareVersion")) FirmwareVersion = IsapiField.Take(scanner, FirmwareVersion, "firmwareVersion");
            else if (scanner.LocalNameIs("firmwareReleasedDate")) FirmwareReleasedDate = IsapiField.Take(scanner, FirmwareReleasedDate, "firmwareReleasedDate");
            else if (scanner.LocalNameIs("encoderVersion")) EncoderVersion = IsapiField.Take(scanner, EncoderVersion, "encoderVersion");
            else if (scanner.LocalNameIs("encoderReleasedDate")) EncoderReleasedDate = IsapiField.Take(scanner, EncoderReleasedDate, "encoderReleasedDate");
            else if (scanner.LocalNameIs("deviceType")) DeviceType = IsapiField.Take(scanner, DeviceType, "deviceType");
            else if (scanner.LocalNameIs("hardwareVersion")) HardwareVersion = IsapiField.Take(scanner, HardwareVersion, "hardwareVersion");
            else if (scanner.LocalNameIs("manufacturer")) Manufacturer = IsapiField.Take(scanner, Manufacturer, "manufacturer");
        }

        public string Validate()
        {
            if (Model == null || Model.Length == 0) return "has no <model>";
            if (FirmwareVersion == null || FirmwareVersion.Length == 0) return "has no <firmwareVersion>";
            return null;
        }
    }
}
