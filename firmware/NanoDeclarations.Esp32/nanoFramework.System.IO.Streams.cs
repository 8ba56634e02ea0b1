// nanogate-assembly: System.IO.Streams
//
// Package:  nanoFramework.System.IO.Streams 1.1.96 (NuGet), assembly System.IO.Streams
// Upstream: https://github.com/nanoframework/System.IO.Streams  (System.IO.Streams/Stream.cs, SeekOrigin.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate. Never deployed. Keep the 1.x shape: Stream is abstract with
// abstract Read(SpanByte) as well as Read(byte[], int, int) (SpanByte comes from mscorlib 1.17.11; the Span<byte>
// form is the 2.0-preview line), Dispose() is not virtual, there is no CopyTo(Stream, int) overload.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.1.96.0")]

namespace System.IO
{
    // mirrors nanoFramework.System.IO.Streams 1.1.96: System.IO.Streams/System.IO.Streams/Stream.cs
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract bool CanRead { get; }

        public abstract bool CanSeek { get; }

        public virtual bool CanTimeout { get { throw new NotImplementedException(); } }

        public abstract bool CanWrite { get; }

        public abstract long Length { get; }

        public abstract long Position { get; set; }

        public virtual int ReadTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public virtual int WriteTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public virtual void Close() { throw new NotImplementedException(); }

        public void CopyTo(Stream destination) { throw new NotImplementedException(); }

        public void Dispose() { throw new NotImplementedException(); }

        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }

        public abstract void Flush();

        public abstract long Seek(long offset, SeekOrigin origin);

        public abstract void SetLength(long value);

        public abstract int Read(SpanByte buffer);

        public abstract int Read(byte[] buffer, int offset, int count);

        public virtual int ReadByte() { throw new NotImplementedException(); }

        public abstract void Write(byte[] buffer, int offset, int count);

        public virtual void WriteByte(byte value) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.IO.Streams 1.1.96: System.IO.Streams/System.IO.Streams/SeekOrigin.cs
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }
}
