using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// Reads one kind of ISAPI document (DeviceInfo, UserList, ...) as it streams through an <see cref="XmlScanner"/>.
    /// <see cref="IsapiReply"/> checks the root element and hands on only the events of a document whose root is
    /// <see cref="RootName"/>; error bodies (ResponseStatus, userCheck) never reach it.
    /// </summary>
    public interface IIsapiDocument
    {
        /// <summary>Local name of the root element this document must have, e.g. "DeviceInfo".</summary>
        string RootName { get; }

        /// <summary>Forgets everything read so far (a retried request, or reuse of the object).</summary>
        void Reset();

        void OnStartElement(XmlScanner scanner);

        void OnEndElement(XmlScanner scanner);

        /// <summary>After a complete document: the reason it is unusable (a required element missing), or null.</summary>
        string Validate();
    }
}
