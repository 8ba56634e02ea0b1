namespace FlaxGuard.Agent;

/// <summary>Reads an HTTP body of at most a given size; null when it is longer (never buffers more than limit + 1).</summary>
internal static class BoundedBody
{
    public static async Task<byte[]?> ReadAsync(HttpResponseMessage response, int limit, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > limit) return null;
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[(int)Math.Min(response.Content.Headers.ContentLength ?? 8192, limit + 1L)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit) return null;
                Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 1024), limit + 1L));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0) break;
            length += read;
        }
        if (length > limit) return null;
        return length == buffer.Length ? buffer : buffer[..length];
    }

    public static byte[]? Read(HttpResponseMessage response, int limit, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > limit) return null;
        using var stream = response.Content.ReadAsStream(ct);
        var buffer = new byte[limit + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
        return length > limit ? null : buffer[..length];
    }
}
