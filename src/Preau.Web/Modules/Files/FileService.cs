using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Files.Data;
using Preau.Web.Modules.Files.Upload;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Files;

internal sealed class FileService(PreauDbContext db, IFileStore store, FilesOptions options, TimeProvider time, ILogger<FileService> logger) : IFileService
{
    public async Task<SaveFileResult> SaveAsync(Stream upload, string fileName, string purpose, Guid ownerId, QuotaScope scope, Guid uploaderId, CancellationToken ct = default)
    {
        var display = CleanName(fileName);
        var content = await ReadBoundedAsync(upload, options.MaxFileBytes, ct);
        if (content is null)
        {
            return Refused($"« {display} » dépasse la taille maximale de {FileText.Size(options.MaxFileBytes)} par fichier.");
        }
        var sniffed = ContentSniffer.Sniff(content);
        if (sniffed.Type is not { } type)
        {
            return Refused($"« {display} » : {sniffed.Refusal}");
        }
        if (type.Kind == SniffedKind.Image && type.ContentType != "image/gif")
        {
            var clean = ImageSanitizer.Reencode(content, type.ContentType);
            if (clean is null)
            {
                return Refused($"« {display} » : {ImageSanitizer.Unreadable}");
            }
            content = clean;
        }
        var usage = await UsageAsync(scope, ct);
        if (usage.UsedBytes + content.Length > usage.LimitBytes)
        {
            return Refused($"« {display} » n'a pas été enregistré : l'espace disponible est épuisé ({FileText.Size(usage.UsedBytes)} utilisés sur {FileText.Size(usage.LimitBytes)}). Demandez plus d'espace à l'administrateur.");
        }
        var file = new StoredFile
        {
            Name = WithExtension(display, type.Extension),
            ContentType = type.ContentType,
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            StorageKey = Guid.NewGuid().ToString("N"),
            CreatedById = uploaderId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ScopeType = scope.Type,
            ScopeId = scope.Id,
            Purpose = purpose,
            OwnerId = ownerId,
        };
        // Content first: a crash between the two leaves content without a row, which the sweep removes, never a row without content.
        await store.WriteAsync(file.StorageKey, content, ct);
        db.FilesStored.Add(file);
        await db.SaveChangesAsync(ct);
        return new SaveFileResult(ToInfo(file), null);

        static SaveFileResult Refused(string message) => new(null, message);
    }

    public async Task<ILookup<Guid, FileInfoRow>> ListAsync(string purpose, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        if (ownerIds.Count == 0)
        {
            return Array.Empty<FileInfoRow>().ToLookup(f => f.OwnerId);
        }
        var rows = await FilesOf(db, purpose, [.. ownerIds.Distinct()]).ToListAsync(ct);
        return rows.OrderBy(f => f.CreatedAt).ThenBy(f => f.Name, StringComparer.Ordinal).ToLookup(f => f.OwnerId);
    }

    // Compiled once: reading a message lists its attachments (building the expression tree each time showed in the
    // profiles of the evening's pages).
    private static readonly Func<PreauDbContext, string, List<Guid>, IAsyncEnumerable<FileInfoRow>> FilesOf = EF.CompileAsyncQuery(
        (PreauDbContext db, string purpose, List<Guid> ownerIds) => db.FilesStored.AsNoTracking().Where(f => f.Purpose == purpose && ownerIds.Contains(f.OwnerId))
            .Select(f => new FileInfoRow(f.Id, f.OwnerId, f.Name, f.ContentType, f.Size, f.CreatedAt)));

    public async Task<OpenedFile?> OpenAsync(Guid fileId, CancellationToken ct = default) =>
        await FindAsync(fileId, ct) is { } file ? await OpenAsync(file, ct) : null;

    /// <summary>A file's row (purpose, owner, name, type, hash), for the serving endpoint's access check, which then opens it.</summary>
    internal Task<StoredFile?> FindAsync(Guid fileId, CancellationToken ct) => ById(db, fileId, ct);

    // Compiled once: every thumbnail of an album or a blog asks it (ADR 0019).
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<StoredFile?>> ById = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid fileId, CancellationToken ct) => db.FilesStored.AsNoTracking().FirstOrDefault(f => f.Id == fileId));

    internal async Task<OpenedFile?> OpenAsync(StoredFile file, CancellationToken ct)
    {
        var stream = await store.OpenReadAsync(file.StorageKey, ct);
        if (stream is null)
        {
            logger.LogWarning("Content missing for file {FileId}", file.Id);
            return null;
        }
        return new OpenedFile(ToInfo(file), stream);
    }

    public async Task DeleteAsync(Guid fileId, CancellationToken ct = default) =>
        await DeleteRowsAsync(await db.FilesStored.Where(f => f.Id == fileId).ToListAsync(ct), ct);

    public async Task DeleteOwnerAsync(string purpose, Guid ownerId, CancellationToken ct = default) =>
        await DeleteRowsAsync(await db.FilesStored.Where(f => f.Purpose == purpose && f.OwnerId == ownerId).ToListAsync(ct), ct);

    internal async Task DeleteRowsAsync(IReadOnlyCollection<StoredFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return;
        }
        db.FilesStored.RemoveRange(files);
        await db.SaveChangesAsync(ct);
        // Rows first: content without a row is swept later; a row without content would be a broken link.
        foreach (var f in files)
        {
            await store.DeleteAsync(f.StorageKey, ct);
        }
    }

    public async Task<QuotaUsage> UsageAsync(QuotaScope scope, CancellationToken ct = default)
    {
        var used = await db.FilesStored.Where(f => f.ScopeType == scope.Type && f.ScopeId == scope.Id).SumAsync(f => (long?)f.Size, ct) ?? 0;
        return new QuotaUsage(used, options.Quotas.For(scope.Type));
    }

    public async Task<IReadOnlyList<FileInfoRow>?> SaveImageVariantsAsync(Guid sourceFileId, IReadOnlyList<int> longestSides, CancellationToken ct = default)
    {
        var source = await db.FilesStored.AsNoTracking().FirstOrDefaultAsync(f => f.Id == sourceFileId, ct);
        if (source is null || !source.ContentType.StartsWith("image/", StringComparison.Ordinal))
        {
            return null;
        }
        byte[] content;
        await using (var stream = await store.OpenReadAsync(source.StorageKey, ct))
        {
            if (stream is null)
            {
                return null;
            }
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var variants = ImageSanitizer.Variants(content, longestSides);
        if (variants is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var stem = Path.GetFileNameWithoutExtension(source.Name);
        var rows = new List<StoredFile>();
        for (var i = 0; i < variants.Count; i++)
        {
            var file = new StoredFile
            {
                Name = $"{stem}-{longestSides[i]}.jpg",
                ContentType = "image/jpeg",
                Size = variants[i].Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(variants[i])),
                StorageKey = Guid.NewGuid().ToString("N"),
                CreatedById = source.CreatedById,
                CreatedAt = now,
                ScopeType = source.ScopeType,
                ScopeId = source.ScopeId,
                Purpose = source.Purpose,
                OwnerId = source.OwnerId,
            };
            await store.WriteAsync(file.StorageKey, variants[i], ct);
            rows.Add(file);
        }
        // Variants are produced by the server from an image already counted: they are not refused for quota (the job
        // would retry forever), but they do count against it.
        db.FilesStored.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return [.. rows.Select(ToInfo)];
    }

    private static FileInfoRow ToInfo(StoredFile f) => new(f.Id, f.OwnerId, f.Name, f.ContentType, f.Size, f.CreatedAt);

    /// <summary>Reads at most <paramref name="max"/> bytes; null when the upload is larger.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream upload, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The browser's name without any folder, control or path characters, at most 150 characters.</summary>
    internal static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var invalid = Path.GetInvalidFileNameChars();
        name = new string([.. name.Where(c => !char.IsControl(c) && !invalid.Contains(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))]).Trim().Trim('.');
        if (name.Length > 150)
        {
            var ext = Path.GetExtension(name);
            name = name[..(150 - Math.Min(ext.Length, 20))] + ext[..Math.Min(ext.Length, 20)];
        }
        return name.Length == 0 ? "fichier" : name;
    }

    /// <summary>"photo.JPG" stays; "photo.png" holding a JPEG becomes "photo.jpg"; "devoirs" becomes "devoirs.pdf".</summary>
    internal static string WithExtension(string name, string extension)
    {
        var current = Path.GetExtension(name);
        var same = current.Equals(extension, StringComparison.OrdinalIgnoreCase) || (extension == ".jpg" && current.Equals(".jpeg", StringComparison.OrdinalIgnoreCase));
        if (same)
        {
            return name;
        }
        var stem = current.Length > 0 && current.Length <= 6 ? name[..^current.Length] : name;
        return (stem.Length == 0 ? "fichier" : stem) + extension;
    }
}
