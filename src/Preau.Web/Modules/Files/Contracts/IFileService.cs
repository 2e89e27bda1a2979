namespace Preau.Web.Modules.Files.Contracts;

/// <summary>What a stored file's size counts against. A file counts against exactly one scope.</summary>
public enum QuotaScopeType
{
    Person = 0,
    Class = 1,
    School = 2,
    Group = 3,
}

public readonly record struct QuotaScope(QuotaScopeType Type, Guid Id)
{
    public static QuotaScope Person(Guid id) => new(QuotaScopeType.Person, id);
    public static QuotaScope Class(Guid id) => new(QuotaScopeType.Class, id);
    public static QuotaScope School(Guid id) => new(QuotaScopeType.School, id);
    public static QuotaScope Group(Guid id) => new(QuotaScopeType.Group, id);
}

/// <summary>A stored file as other modules see it (no content).</summary>
public sealed record FileInfoRow(Guid Id, Guid OwnerId, string Name, string ContentType, long Size, DateTime CreatedAt)
{
    /// <summary>The only address where the file is served (after the owning module's access policy said yes).</summary>
    public string Url => $"/fichiers/{Id}";
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>Outcome of <see cref="IFileService.SaveAsync"/>: the file, or a French message for the person who uploaded it.</summary>
public sealed record SaveFileResult(FileInfoRow? File, string? Error)
{
    public bool Succeeded => File is not null;
}

/// <summary>An open file; dispose it (or hand <see cref="Content"/> to a result that does).</summary>
public sealed record OpenedFile(FileInfoRow Info, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

public sealed record QuotaUsage(long UsedBytes, long LimitBytes);

/// <summary>
/// The shared files service. Content lives outside the web root (<see cref="IFileStore"/>); metadata in the database.
/// A file belongs to a module's <c>purpose</c> (e.g. "liaison.note") and to one object of that module (the owner id);
/// it is only ever served at <see cref="FileInfoRow.Url"/>, after the <see cref="IFileAccessPolicy"/> registered
/// for its purpose allowed the current person to read the owner.
/// </summary>
public interface IFileService
{
    /// <summary>
    /// Checks and stores an upload: size limit, type by content (magic bytes, never the extension), quota of
    /// <paramref name="scope"/>; images are re-encoded without their metadata. The name's extension is made to match
    /// the content. On refusal, nothing is stored and <see cref="SaveFileResult.Error"/> says why, in French.
    /// </summary>
    Task<SaveFileResult> SaveAsync(Stream upload, string fileName, string purpose, Guid ownerId, QuotaScope scope, Guid uploaderId, CancellationToken ct = default);

    /// <summary>The files of these owners for a purpose, oldest first, in one query.</summary>
    Task<ILookup<Guid, FileInfoRow>> ListAsync(string purpose, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default);

    /// <summary>Opens a file's content WITHOUT any access check: callers check first (the serving endpoint asks the policy).</summary>
    Task<OpenedFile?> OpenAsync(Guid fileId, CancellationToken ct = default);

    /// <summary>Removes a file, metadata and content.</summary>
    Task DeleteAsync(Guid fileId, CancellationToken ct = default);

    /// <summary>Removes every file of an owner (call it when the owner object is deleted).</summary>
    Task DeleteOwnerAsync(string purpose, Guid ownerId, CancellationToken ct = default);

    /// <summary>Bytes used by a scope and its limit (from <c>Preau:Files:Quotas</c>).</summary>
    Task<QuotaUsage> UsageAsync(QuotaScope scope, CancellationToken ct = default);

    /// <summary>
    /// Smaller JPEG copies of a stored image (thumbnails, display sizes), one per longest side asked, decoded once.
    /// Each is a new file of the same purpose, owner and quota scope as the source (never larger than the source).
    /// Null when the source is missing, not an image or unreadable. Meant for background jobs: it is CPU-heavy.
    /// </summary>
    Task<IReadOnlyList<FileInfoRow>?> SaveImageVariantsAsync(Guid sourceFileId, IReadOnlyList<int> longestSides, CancellationToken ct = default);
}

/// <summary>
/// Registered by each module that owns files, once per purpose (as a scoped <c>IFileAccessPolicy</c>). The files
/// module asks it before serving; an unknown purpose is denied. The current person is the module's to find
/// (e.g. through <c>AccessContext</c>).
/// </summary>
public interface IFileAccessPolicy
{
    string Purpose { get; }

    /// <summary>May the current person read the files of this owner object? False answers 404.</summary>
    Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default);

    /// <summary>Which of these owner ids still exist: files of the others are removed by the cleanup job.</summary>
    Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default);
}

/// <summary>Where file content is kept. Local folder today; an S3-compatible store can implement it later.</summary>
public interface IFileStore
{
    Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct = default);
    /// <summary>Null when the content is missing.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default);
    Task DeleteAsync(string key, CancellationToken ct = default);
    /// <summary>Every key with its last write, for the orphan sweep.</summary>
    IAsyncEnumerable<(string Key, DateTime WrittenAt)> ListAsync(CancellationToken ct = default);
}
