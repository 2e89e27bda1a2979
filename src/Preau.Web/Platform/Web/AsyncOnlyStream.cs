namespace Preau.Web.Platform.Web;

/// <summary>
/// The response body for a streamed ZIP. ZipArchive still writes a few bytes synchronously when it closes an entry
/// (deflate tail, data descriptor), which Kestrel refuses: those small writes are kept here and sent, asynchronously,
/// with the next asynchronous write or flush. Large content goes straight through.
/// </summary>
internal sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _position;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        _position += buffer.Length;
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    /// <summary>Nothing is sent synchronously; <see cref="FlushAsync(CancellationToken)"/> sends what is pending.</summary>
    public override void Flush()
    {
    }

    private async Task SendPendingAsync(CancellationToken ct)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
            _pending.SetLength(0);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
