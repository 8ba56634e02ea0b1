using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Http
{
    /// <summary>
    /// A body sink that can drop what it received. A request may be answered 401 and sent again (stale nonce),
    /// and the refusal's body must not end up in front of the real one.
    /// </summary>
    public interface IRestartableSink : IByteSink
    {
        /// <summary>Forgets every byte written so far.</summary>
        void Restart();
    }
}
