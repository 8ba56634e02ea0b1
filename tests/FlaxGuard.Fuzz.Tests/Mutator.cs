using System.Text;

namespace FlaxGuard.Fuzz.Tests;

/// <summary>
/// Deterministic mutations of seed inputs, of the kinds that break parsers: bit flips, boundary bytes, truncation,
/// inflated length fields (binary and decimal/hex text), inserted, deleted and repeated runs, splices of two seeds,
/// and plain random bytes. The same seed of the random generator gives the same inputs on every machine.
/// </summary>
public sealed class Mutator(IReadOnlyList<byte[]> corpus, int seed)
{
    private static readonly byte[] Boundary = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x20, (byte)'"', (byte)'\\', (byte)'<', (byte)'&', (byte)'\r', (byte)'\n', (byte)';', (byte)':', 0xC0, 0xED, 0xF4];
    private static readonly byte[][] Inflated = [[0xFF], [0xFF, 0xFF], [0x7F, 0xFF, 0xFF, 0xFF], [0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x83, 0x7F, 0xFF, 0xFF], [0x00, 0x00]];
    private static readonly string[] Numbers = ["99999999999999999999", "4294967296", "2147483648", "-1", "0", "FFFFFFFFFFFFFFFF", "7fffffff", "1e999"];

    private readonly Random _random = new(seed);

    /// <summary>The next input: one seed changed by one to three mutations, or fresh random bytes.</summary>
    public byte[] Next()
    {
        if (_random.Next(20) == 0) return RandomBytes(_random.Next(0, 257));
        List<byte> data = [.. corpus[_random.Next(corpus.Count)]];
        int rounds = 1 + _random.Next(3);
        for (int i = 0; i < rounds; i++) Mutate(data);
        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        switch (_random.Next(9))
        {
            case 0: FlipBits(data); break;
            case 1: SetBoundaryByte(data); break;
            case 2: Truncate(data); break;
            case 3: InflateLengthField(data); break;
            case 4: InflateNumberText(data); break;
            case 5: data.InsertRange(_random.Next(data.Count + 1), RandomBytes(1 + _random.Next(16))); break;
            case 6: DeleteRange(data); break;
            case 7: RepeatRange(data); break;
            default: Splice(data); break;
        }
    }

    private void FlipBits(List<byte> data)
    {
        if (data.Count == 0) return;
        for (int n = 1 + _random.Next(4); n > 0; n--)
        {
            int at = _random.Next(data.Count);
            data[at] ^= (byte)(1 << _random.Next(8));
        }
    }

    private void SetBoundaryByte(List<byte> data)
    {
        if (data.Count == 0) return;
        data[_random.Next(data.Count)] = Boundary[_random.Next(Boundary.Length)];
    }

    private void Truncate(List<byte> data)
    {
        if (data.Count == 0) return;
        int length = _random.Next(data.Count);
        data.RemoveRange(length, data.Count - length);
    }

    /// <summary>Overwrites bytes at a random place with a huge or zero big-endian length (or a BER long-form one).</summary>
    private void InflateLengthField(List<byte> data)
    {
        if (data.Count == 0) return;
        byte[] field = Inflated[_random.Next(Inflated.Length)];
        int at = _random.Next(data.Count);
        for (int i = 0; i < field.Length; i++)
        {
            if (at + i < data.Count) data[at + i] = field[i];
            else data.Add(field[i]);
        }
    }

    /// <summary>Replaces a run of digits (a Content-Length, a chunk size, a counter in text) with an extreme number.</summary>
    private void InflateNumberText(List<byte> data)
    {
        var starts = new List<int>();
        for (int i = 0; i < data.Count; i++)
        {
            if (IsDigit(data[i]) && (i == 0 || !IsDigit(data[i - 1]))) starts.Add(i);
        }
        if (starts.Count == 0) { InflateLengthField(data); return; }
        int start = starts[_random.Next(starts.Count)];
        int end = start;
        while (end < data.Count && (IsDigit(data[end]) || IsHexLetter(data[end]))) end++;
        data.RemoveRange(start, end - start);
        data.InsertRange(start, Encoding.ASCII.GetBytes(Numbers[_random.Next(Numbers.Length)]));
    }

    private void DeleteRange(List<byte> data)
    {
        if (data.Count == 0) return;
        int start = _random.Next(data.Count);
        data.RemoveRange(start, Math.Min(data.Count - start, 1 + _random.Next(32)));
    }

    /// <summary>Repeats a slice many times: deep nesting, many headers, many records.</summary>
    private void RepeatRange(List<byte> data)
    {
        if (data.Count == 0) return;
        int start = _random.Next(data.Count);
        int length = Math.Min(data.Count - start, 1 + _random.Next(16));
        byte[] slice = [.. data.GetRange(start, length)];
        int times = 2 + _random.Next(200);
        for (int i = 0; i < times; i++) data.InsertRange(start, slice);
    }

    /// <summary>The front of this input with the back of another seed.</summary>
    private void Splice(List<byte> data)
    {
        byte[] other = corpus[_random.Next(corpus.Count)];
        int cut = _random.Next(data.Count + 1);
        int from = _random.Next(other.Length + 1);
        data.RemoveRange(cut, data.Count - cut);
        data.AddRange(other.AsSpan(from).ToArray());
    }

    private byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsHexLetter(byte b) => b is >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
