namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// Gets the element events of an <see cref="XmlScanner"/> as the bytes arrive. During a call the scanner
    /// answers questions about the current element (name, depth, parents, text); nothing is kept for later.
    /// </summary>
    public interface IXmlHandler
    {
        /// <summary>A start tag (or an empty-element tag) has been read; <see cref="XmlScanner.Depth"/> is its depth, 1 for the root.</summary>
        void OnStartElement(XmlScanner scanner);

        /// <summary>An end tag has been read; <see cref="XmlScanner.TextString"/> is the text directly inside the element after its last child.</summary>
        void OnEndElement(XmlScanner scanner);
    }
}
