using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.Files.Contracts;

namespace Preau.Web.Modules.Files.Data;

/// <summary>Metadata of one stored file; the content is in the <see cref="IFileStore"/> under <see cref="StorageKey"/>.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The name shown and offered on download, its extension matching the detected content.</summary>
    public required string Name { get; set; }
    /// <summary>Detected from the content, never taken from the browser.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Hex SHA-256 of the stored bytes (after re-encoding for images).</summary>
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public QuotaScopeType ScopeType { get; set; }
    public Guid ScopeId { get; set; }
    /// <summary>The owning module's purpose, e.g. "liaison.note": its <see cref="IFileAccessPolicy"/> decides who reads.</summary>
    public required string Purpose { get; set; }
    public Guid OwnerId { get; set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("files_files");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(120);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(100);
        b.Property(x => x.Purpose).HasMaxLength(60);
        b.HasIndex(x => new { x.Purpose, x.OwnerId });
        b.HasIndex(x => new { x.ScopeType, x.ScopeId });
        b.HasIndex(x => x.StorageKey).IsUnique();
    }
}
