using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// Issue 13: who else may log in and where the camera sends its pictures, the settings intruders change to keep a
    /// camera and to take footage away: ONVIF accounts made through ISAPI (Security/ONVIF/users), the brute-force lock
    /// (Security/illegalLoginLock), the IP address filter (System/Network/ipFilter), the ports of each access protocol
    /// (Security/adminAccesses), SNMP (System/Network/SNMP), and the upload targets: FTP (System/Network/ftp), e-mail
    /// (System/Network/mailing) and network storage (ContentMgmt/Storage/nas). Element names as the ISAPI documents
    /// give them (XML_UserList of ONVIF users, XML_IllegalLoginLock, XML_IPFilter, XML_AdminAccessProtocolList,
    /// XML_SNMP, XML_FTPNotificationList, XML_mailingList, XML_nasList). Secrets (passwords, communities, account
    /// names of the upload targets) are never read into facts.
    /// </summary>
    public sealed partial class IsapiProbe
    {
        public const string OnvifUsersPath = "/ISAPI/Security/ONVIF/users";
        public const string LoginLockPath = "/ISAPI/Security/illegalLoginLock";
        public const string IpFilterPath = "/ISAPI/System/Network/ipFilter";
        public const string AdminAccessPath = "/ISAPI/Security/adminAccesses";
        public const string SnmpPath = "/ISAPI/System/Network/SNMP";
        public const string FtpPath = "/ISAPI/System/Network/ftp";
        public const string MailingPath = "/ISAPI/System/Network/mailing";
        public const string NasPath = "/ISAPI/ContentMgmt/Storage/nas";

        private static readonly string[] OnvifUserFields = new string[] { "id", "userName", "userType" };
        private static readonly string[] LoginLockFields = new string[] { "enabled", "maxIllegalLoginTimes", "maxIllegalLoginLockTime" };
        private static readonly string[] AccessFields = new string[] { "id", "enabled", "protocol", "portNo" };
        private static readonly string[] SnmpFields = new string[] { "listenPort" };
        private static readonly string[] SnmpVersions = new string[] { "SNMPv1c", "SNMPv2c", "SNMPAdvanced" };
        private static readonly string[] SnmpVersionKeys = new string[] { "v1", "v2c", "v3" };
        private static readonly string[] EnabledField = new string[] { "enabled" };
        private static readonly string[] FtpFields = new string[] { "id", "enabled", "hostName", "ipAddress", "ipv6Address", "portNo" };
        private static readonly string[] NasFields = new string[] { "id", "hostName", "ipAddress", "ipv6Address", "nasType", "mountType", "path" };

        /// <summary>False when the probe must stop (a failed read, already reported).</summary>
        private bool ReadAccess(Session session, ProbeOutput output)
        {
            IsapiRecordsDocument onvif = new IsapiRecordsDocument("UserList", "User", OnvifUserFields, null, null, MaxRecords * 2);
            int state = FetchOptional(session, OnvifUsersPath, onvif, "onvif-users");
            if (state == Failed) return false;
            for (int i = 0; state == Read && i < onvif.Count; i++)
            {
                string name = FactText.Clean(onvif.Value(i, 1), 64);
                if (name.Length == 0) continue;
                string type = Ordinal.ToLowerAscii(FactText.Clean(onvif.Value(i, 2), 32));
                string segment = FactText.KeySegment(name, 64);
                output.AddFact("cfg.camera.onvif-user." + segment, type.Length == 0 ? "unset" : type, FactKind.Config);
                // An ONVIF administrator can add accounts and change the network settings through ONVIF.
                if (type == "administrator") output.AddFact("cfg.camera.onvif-admin." + segment, type, FactKind.Config);
            }

            IsapiRecordsDocument lockout = new IsapiRecordsDocument("IllegalLoginLock", null, LoginLockFields, null, null, 1);
            state = FetchOptional(session, LoginLockPath, lockout, "login-lock");
            if (state == Failed) return false;
            if (state == Read && lockout.Value(0, 0) == null)
            {
                Fail(session, "the answer to " + LoginLockPath + " has no <enabled> switch.");
                return false;
            }
            if (state == Read)
            {
                string value = IsTrue(lockout.Value(0, 0)) ? "on attempts=" + Number(lockout.Value(0, 1)) + " lock=" + Number(lockout.Value(0, 2)) : "off";
                output.AddFact("cfg.camera.login-lock", value, FactKind.Config);
            }

            IpFilterDocument filter = new IpFilterDocument(64);
            state = FetchOptional(session, IpFilterPath, filter, "ipfilter");
            if (state == Failed) return false;
            // Always a fact while readable, "off" when switched off, so switching it off is a change, not a disappearance.
            if (state == Read && !filter.Enabled) output.AddFact("cfg.camera.ipfilter", "off", FactKind.Config);
            if (state == Read && filter.Enabled)
            {
                string permission = Ordinal.ToLowerAscii(FactText.Clean(filter.Permission, 16));
                if (permission.Length == 0) permission = "unset";
                output.AddFact("cfg.camera.ipfilter", permission, FactKind.Config);
                for (int i = 0; i < filter.Entries.Count; i++)
                {
                    string key = "cfg.camera.ipfilter." + FactText.KeySegment(Ordinal.ToLowerAscii((string)filter.Entries[i]), 100);
                    if (!output.Facts.Contains(key)) output.AddFact(key, permission, FactKind.Config);
                }
            }

            IsapiRecordsDocument access = new IsapiRecordsDocument("AdminAccessProtocolList", "AdminAccessProtocol", AccessFields, null, null, MaxRecords);
            state = FetchOptional(session, AdminAccessPath, access, "ports");
            if (state == Failed) return false;
            for (int i = 0; state == Read && i < access.Count; i++)
            {
                // Firmware that cannot switch a protocol off leaves <enabled> out.
                string enabled = access.Value(i, 1);
                if (enabled != null && !IsTrue(enabled)) continue;
                string protocol = Ordinal.ToLowerAscii(FactText.Clean(access.Value(i, 2), 16));
                if (protocol.Length == 0) continue;
                string key = "cfg.camera.port." + FactText.KeySegment(protocol, 16);
                if (!output.Facts.Contains(key)) output.AddFact(key, Number(access.Value(i, 3)), FactKind.Config);
            }

            IsapiRecordsDocument snmp = new IsapiRecordsDocument("SNMP", null, SnmpFields, SnmpVersions, EnabledField, 1);
            state = FetchOptional(session, SnmpPath, snmp, "snmp");
            if (state == Failed) return false;
            for (int v = 0; state == Read && v < SnmpVersions.Length; v++)
            {
                if (IsTrue(snmp.Value(0, SnmpFields.Length + v))) output.AddFact("cfg.camera.snmp." + SnmpVersionKeys[v], "port=" + Number(snmp.Value(0, 0)), FactKind.Config);
            }
            return ReadUploads(session, output);
        }

        /// <summary>FTP, e-mail and network storage targets: cfg.camera.upload.ftp|smtp|mailto|nas.TARGET.</summary>
        private bool ReadUploads(Session session, ProbeOutput output)
        {
            IsapiRecordsDocument ftp = new IsapiRecordsDocument("FTPNotificationList", "FTPNotification", FtpFields, null, null, MaxRecords);
            int state = FetchOptional(session, FtpPath, ftp, "ftp");
            if (state == Failed) return false;
            for (int i = 0; state == Read && i < ftp.Count; i++)
            {
                if (!IsTrue(ftp.Value(i, 1))) continue;
                string host = Server(ftp.Value(i, 2), ftp.Value(i, 3), ftp.Value(i, 4));
                if (host == null) continue;
                string key = "cfg.camera.upload.ftp." + FactText.KeySegment(host, 100);
                if (!output.Facts.Contains(key)) output.AddFact(key, "port=" + Number(ftp.Value(i, 5)), FactKind.Config);
            }

            MailingDocument mail = new MailingDocument(MaxRecords);
            state = FetchOptional(session, MailingPath, mail, "mailing");
            if (state == Failed) return false;
            for (int i = 0; state == Read && i < mail.Servers.Count; i++)
            {
                string host = HostOrAddress((string)mail.Servers[i]);
                if (host != null) AddOnce(output, "cfg.camera.upload.smtp." + FactText.KeySegment(host, 100), "configured");
            }
            for (int i = 0; state == Read && i < mail.Receivers.Count; i++)
            {
                string address = Ordinal.ToLowerAscii(FactText.Clean((string)mail.Receivers[i], 100));
                AddOnce(output, "cfg.camera.upload.mailto." + FactText.KeySegment(address, 100), "configured");
            }

            IsapiRecordsDocument nas = new IsapiRecordsDocument("nasList", "nas", NasFields, null, null, MaxRecords);
            state = FetchOptional(session, NasPath, nas, "nas");
            if (state == Failed) return false;
            for (int i = 0; state == Read && i < nas.Count; i++)
            {
                string host = Server(nas.Value(i, 1), nas.Value(i, 2), nas.Value(i, 3));
                if (host == null) continue;
                string type = nas.Value(i, 4) != null ? nas.Value(i, 4) : nas.Value(i, 5);
                type = Ordinal.ToLowerAscii(FactText.Clean(type, 16));
                string value = "type=" + (type.Length == 0 ? "unset" : type) + " path=" + FactText.Clean(nas.Value(i, 6), 100);
                AddOnce(output, "cfg.camera.upload.nas." + FactText.KeySegment(host, 100), value);
            }
            return true;
        }

        private static void AddOnce(ProbeOutput output, string key, string value)
        {
            if (!output.Facts.Contains(key)) output.AddFact(key, value, FactKind.Config);
        }

        // A value that may be an address or a host name (SMTP servers): canonical form, or null when unset or neither.
        private static string HostOrAddress(string raw)
        {
            string address = IsapiAddress.Normalize(raw);
            if (address != null) return address.Length == 0 ? null : address;
            string host = IsapiAddress.NormalizeHostName(raw);
            return host == null || host.Length == 0 ? null : host;
        }
    }
}
