// nanogate-assembly: nanoFramework.System.Text
//
// Package:  nanoFramework.System.Text 1.3.42 (NuGet), assembly nanoFramework.System.Text
// Upstream: https://github.com/nanoframework/System.Text  (nanoFramework.System.Text/Text/*.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate (firmware/FlaxGuard.NanoGate). Never deployed: the real
// firmware build references the real package. Declares only the members FlaxGuard may use, with the upstream
// signatures copied exactly (no upstream bodies: every body throws). Keep nanoFramework's odd shapes: the ONLY
// GetString overload is GetString(byte[], int, int); there is no Encoding.ASCII, no AppendFormat, no Insert(int, string).
// mscorlib (nanoFramework.CoreLibrary 1.17.11) has no System.Text types of its own.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.3.42.0")]

namespace System.Text
{
    // mirrors nanoFramework.System.Text 1.3.42: System.Text/nanoFramework.System.Text/Text/Encoding.cs
    // (that file is not in the searchable source index; shape per shared/reference/nanoframework-api.md 1.9,
    // which read it from upstream, and the .NET Micro Framework Encoding it was ported from)
    public abstract class Encoding
    {
        public static Encoding UTF8 { get { throw new NotImplementedException(); } }

        public virtual byte[] GetBytes(string s) { throw new NotImplementedException(); }

        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw new NotImplementedException(); }

        public virtual char[] GetChars(byte[] bytes) { throw new NotImplementedException(); }

        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw new NotImplementedException(); }

        public virtual string GetString(byte[] bytes, int index, int count) { throw new NotImplementedException(); }

        public abstract Decoder GetDecoder();
    }

    // mirrors nanoFramework.System.Text 1.3.42: System.Text/nanoFramework.System.Text/Text/UTF8Encoding.cs
    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() { throw new NotImplementedException(); }

        public override Decoder GetDecoder() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Text 1.3.42: System.Text/nanoFramework.System.Text/Text/Decoder.cs
    public abstract class Decoder
    {
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, int charCount,
            bool flush, out int bytesUsed, out int charsUsed, out bool completed);
    }

    // mirrors nanoFramework.System.Text 1.3.42: System.Text/nanoFramework.System.Text/Text/StringBuilder.cs
    // (upstream: the indexer has get AND set, in the original port and in the current file alike)
    public sealed class StringBuilder
    {
        public StringBuilder(string value, int startIndex, int length, int capacity) { throw new NotImplementedException(); } // upstream: unsafe ctor

        public StringBuilder(string value, int capacity) { throw new NotImplementedException(); }

        public StringBuilder(int capacity, int maxCapacity) { throw new NotImplementedException(); }

        public StringBuilder(int capacity) { throw new NotImplementedException(); }

        public StringBuilder(string value) { throw new NotImplementedException(); }

        public StringBuilder() { throw new NotImplementedException(); }

        public int MaxCapacity { get { throw new NotImplementedException(); } }

        public char this[int index]
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public int Capacity
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public int Length
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public StringBuilder Clear() { throw new NotImplementedException(); }

        public StringBuilder Append(bool value) { throw new NotImplementedException(); }

        public StringBuilder Append(byte value) { throw new NotImplementedException(); }

        public StringBuilder Append(char value) { throw new NotImplementedException(); }

        public StringBuilder Append(double value) { throw new NotImplementedException(); }

        public StringBuilder Append(short value) { throw new NotImplementedException(); }

        public StringBuilder Append(char[] value) { throw new NotImplementedException(); }

        public StringBuilder Append(int value) { throw new NotImplementedException(); }

        public StringBuilder Append(long value) { throw new NotImplementedException(); }

        public StringBuilder Append(object value) { throw new NotImplementedException(); }

        public StringBuilder Append(string value) { throw new NotImplementedException(); }

        public StringBuilder Append(sbyte value) { throw new NotImplementedException(); }

        public StringBuilder Append(float value) { throw new NotImplementedException(); }

        public StringBuilder Append(ushort value) { throw new NotImplementedException(); }

        public StringBuilder Append(uint value) { throw new NotImplementedException(); }

        public StringBuilder Append(ulong value) { throw new NotImplementedException(); }

        public StringBuilder Append(string value, int startIndex, int count) { throw new NotImplementedException(); }

        public StringBuilder Append(char[] value, int startIndex, int charCount) { throw new NotImplementedException(); }

        public StringBuilder Append(char value, int repeatCount) { throw new NotImplementedException(); }

        public StringBuilder Remove(int startIndex, int length) { throw new NotImplementedException(); }

        public override string ToString() { throw new NotImplementedException(); }

        public string ToString(int startIndex, int length) { throw new NotImplementedException(); }

        public StringBuilder Insert(int index, string value, int count) { throw new NotImplementedException(); }

        public StringBuilder Insert(int index, char[] value, int startIndex, int charCount) { throw new NotImplementedException(); }

        public StringBuilder Replace(char oldChar, char newChar, int startIndex, int count) { throw new NotImplementedException(); }

        public StringBuilder Replace(char oldChar, char newChar) { throw new NotImplementedException(); }

        public StringBuilder Replace(string oldValue, string newValue, int startIndex, int count) { throw new NotImplementedException(); }

        public StringBuilder Replace(string oldValue, string newValue) { throw new NotImplementedException(); }

        public StringBuilder AppendLine(string str) { throw new NotImplementedException(); }

        public StringBuilder AppendLine() { throw new NotImplementedException(); }
    }
}
