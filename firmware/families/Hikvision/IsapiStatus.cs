using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// The ResponseStatus body ISAPI devices send with errors (and with the result of writes): statusCode 1 OK,
    /// 2 Device Busy, 3 Device Error, 4 Invalid Operation, 5 Invalid XML Format, 6 Invalid XML Content,
    /// 7 Reboot Required (Hikvision ISAPI developer guide, "Error Codes in ResponseStatus"), with a
    /// subStatusCode such as notSupport, invalidOperation or methodNotAllowed.
    /// </summary>
    public static class IsapiStatus
    {
        public const string NotSupport = "notSupport";
        public const string LowPrivilege = "lowPrivilege";

        /// <summary>A sentence fragment for a "could not verify" verdict, quoting the device's codes cleaned and bounded.</summary>
        public static string Describe(string statusCode, string statusString, string subStatusCode)
        {
            string meaning;
            switch (statusCode)
            {
                case "1": meaning = "an OK status instead of the document"; break;
                case "2": meaning = "the device is busy"; break;
                case "3": meaning = "the device reported an internal error"; break;
                case "4": meaning = "the device calls the request an invalid operation"; break;
                case "5": meaning = "the device says the request's XML was malformed"; break;
                case "6": meaning = "the device says the request's XML content was invalid"; break;
                case "7": meaning = "the device says it must be rebooted first"; break;
                default: meaning = "the device reported an error"; break;
            }
            string detail = null;
            if (statusString != null && statusString.Length > 0) detail = FactText.Clean(statusString, 64);
            if (subStatusCode != null && subStatusCode.Length > 0)
            {
                string sub = FactText.Clean(subStatusCode, 64);
                detail = detail == null ? sub : detail + ", " + sub;
            }
            string text = detail == null ? meaning : meaning + " (" + detail + ")";
            if (subStatusCode != null && Ordinal.EqualsIgnoreAsciiCase(subStatusCode, LowPrivilege))
                text += "; the account FlaxGuard logs in with lacks the rights to read this, so give it an administrator account";
            return text;
        }

        /// <summary>True for the answer a device gives for a resource its model or firmware does not have.</summary>
        public static bool IsNotSupported(string subStatusCode)
        {
            return subStatusCode != null && Ordinal.EqualsIgnoreAsciiCase(subStatusCode, NotSupport);
        }
    }
}
