using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Albums.Pages;

/// <summary>
/// GET /albums/{id}/zip: the originals of the photos the person sees, streamed into a ZIP as they are read (never the
/// whole archive in memory). JPEGs do not compress: entries are stored as they are, which costs no CPU.
/// </summary>
internal static class AlbumZip
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/albums/{id:guid}/zip", DownloadAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, AlbumAccess access, IFileService files, CancellationToken ct)
    {
        if (await access.OpenAsync(id, ct) is not { } opened)
        {
            return Results.NotFound();
        }
        var fileIds = await access.Visible(id, opened.Rights).OrderBy(p => p.Position).Select(p => p.OriginalFileId).ToListAsync(ct);
        var response = http.Response;
        response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(ZipName(opened.Album.Title));
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "private, no-store";
        var body = new AsyncOnlyStream(response.Body);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            var n = 0;
            foreach (var fileId in fileIds)
            {
                await using var file = await files.OpenAsync(fileId, ct);
                if (file is null)
                {
                    continue;
                }
                n++;
                var entry = zip.CreateEntry($"{n:000}-{file.Info.Name}", CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(file.Info.CreatedAt, DateTimeKind.Utc));
                await using var target = await entry.OpenAsync(ct);
                await file.Content.CopyToAsync(target, ct);
            }
        }
        await body.FlushAsync(ct);
        return Results.Empty;
    }

    /// <summary>
    /// The ZIP writer still writes its small records (entry descriptors, central directory) synchronously, which the
    /// server forbids: those few bytes are held and sent asynchronously before the next write; content goes straight through.
    /// </summary>
    private sealed class AsyncOnlyStream(Stream inner) : Stream
    {
        private readonly MemoryStream _pending = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await SendPendingAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await SendPendingAsync(cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }

        // Flushing is only done asynchronously (FlushAsync), the synchronous call keeps the bytes.
        public override void Flush()
        {
        }

        private async Task SendPendingAsync(CancellationToken ct)
        {
            if (_pending.Length == 0)
            {
                return;
            }
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
            _pending.SetLength(0);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pending.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private static string ZipName(string title)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var clean = new string([.. title.Where(c => !invalid.Contains(c) && !char.IsControl(c))]).Trim();
        return (clean.Length == 0 ? "album" : clean) + ".zip";
    }
}
