using System;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// The body sink for one ISAPI request: the bytes stream straight into a bounded <see cref="XmlScanner"/>, and
    /// the root element decides what the body is. The expected document goes to its <see cref="IIsapiDocument"/>;
    /// a &lt;ResponseStatus&gt; is an error report whose codes are kept; a &lt;userCheck&gt; is what Hikvision
    /// firmware sends with a refused login, and its lockStatus tells a wrong password from a locked account.
    /// Anything else is refused. A 401 body is dropped by <see cref="Restart"/>, but whether it reported a lock
    /// is remembered, so the probe can say why the device refused.
    /// </summary>
    public sealed class IsapiReply : IRestartableSink, IXmlHandler
    {
        private const int RootNone = 0;
        private const int RootDocument = 1;
        private const int RootStatus = 2;
        private const int RootUserCheck = 3;

        private static readonly string[] StatusLeaves = new string[] { "requestURL", "statusCode", "statusString", "subStatusCode", "errorCode", "errorMsg" };
        private static readonly string[] UserCheckLeaves = new string[] { "statusValue", "statusString", "lockStatus", "unlockTime", "retryLoginTime" };

        private readonly XmlScanner _scanner;
        private IIsapiDocument _document;
        private int _root;
        private string _lockStatus;
        private string _unlockTime;

        public IsapiReply(int maxDepth, int maxTextBytes, long maxDocumentBytes)
        {
            _scanner = new XmlScanner(this, maxDepth, maxTextBytes, maxDocumentBytes);
        }

        /// <summary>Why the body was refused, in plain words, or null.</summary>
        public string Error { get { return _scanner.Error; } }

        /// <summary>True when the root element was the expected document's.</summary>
        public bool IsDocument { get { return _root == RootDocument; } }

        /// <summary>True when the body was an ISAPI &lt;ResponseStatus&gt; error report.</summary>
        public bool IsResponseStatus { get { return _root == RootStatus; } }

        public string StatusCode { get; private set; }

        public string StatusString { get; private set; }

        public string SubStatusCode { get; private set; }

        /// <summary>True when a refused login's body (now dropped) said the account or client address is locked.</summary>
        public bool RefusalSaidLocked { get; private set; }

        /// <summary>The unlockTime (seconds) of that refusal, or null.</summary>
        public string RefusalUnlockSeconds { get; private set; }

        /// <summary>Prepares for the answer to a request for <paramref name="document"/>.</summary>
        public void Begin(IIsapiDocument document)
        {
            if (document == null) throw new ArgumentNullException("document");
            _document = document;
            RefusalSaidLocked = false;
            RefusalUnlockSeconds = null;
            Clear();
        }

        public void Write(byte[] data, int offset, int count)
        {
            _scanner.Write(data, offset, count);
        }

        public void Restart()
        {
            if (_root == RootUserCheck && _lockStatus != null && Text.Ordinal.EqualsIgnoreAsciiCase(_lockStatus, "lock"))
            {
                RefusalSaidLocked = true;
                RefusalUnlockSeconds = _unlockTime;
            }
            Clear();
        }

        /// <summary>Call after the last byte: true when a complete, acceptable body was read (document or error report).</summary>
        public bool Finish()
        {
            if (!_scanner.Finish()) return false;
            if (_root == RootDocument)
            {
                string problem = _document.Validate();
                if (problem != null)
                {
                    _scanner.Reject(problem);
                    return false;
                }
            }
            return true;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            if (scanner.Depth == 1)
            {
                if (scanner.LocalNameIs(_document.RootName)) _root = RootDocument;
                else if (scanner.LocalNameIs("ResponseStatus")) _root = RootStatus;
                else if (scanner.LocalNameIs("userCheck")) _root = RootUserCheck;
                else scanner.Reject("is not an ISAPI <" + _document.RootName + "> document (its root element is something else)");
                if (_root == RootDocument) _document.OnStartElement(scanner);
                return;
            }
            if (_root == RootDocument) _document.OnStartElement(scanner);
            else if (_root == RootStatus) IsapiField.RefuseChildOfLeaf(scanner, StatusLeaves);
            else if (_root == RootUserCheck) IsapiField.RefuseChildOfLeaf(scanner, UserCheckLeaves);
        }

        public void OnEndElement(XmlScanner scanner)
        {
            if (_root == RootDocument)
            {
                _document.OnEndElement(scanner);
                return;
            }
            if (scanner.Depth != 2) return;
            if (_root == RootStatus)
            {
                if (scanner.LocalNameIs("statusCode")) StatusCode = IsapiField.Take(scanner, StatusCode, "statusCode");
                else if (scanner.LocalNameIs("statusString")) StatusString = IsapiField.Take(scanner, StatusString, "statusString");
                else if (scanner.LocalNameIs("subStatusCode")) SubStatusCode = IsapiField.Take(scanner, SubStatusCode, "subStatusCode");
            }
            else if (_root == RootUserCheck)
            {
                if (scanner.LocalNameIs("lockStatus")) _lockStatus = IsapiField.Take(scanner, _lockStatus, "lockStatus");
                else if (scanner.LocalNameIs("unlockTime")) _unlockTime = IsapiField.Take(scanner, _unlockTime, "unlockTime");
            }
        }

        private void Clear()
        {
            _scanner.Reset();
            _root = RootNone;
            StatusCode = null;
            StatusString = null;
            SubStatusCode = null;
            _lockStatus = null;
            _unlockTime = null;
            if (_document != null) _document.Reset();
        }
    }
}
