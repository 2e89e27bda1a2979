using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Documents.Data;

/// <summary>Whose documents space: a person's own, or the shared space of a class, a school or a group.</summary>
public enum DocSpaceType
{
    Person = 0,
    Class = 1,
    School = 2,
    Group = 3,
}

/// <summary>A folder of a space. The tree is a parent id; a null parent is the space's root.</summary>
public sealed class DocFolder
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DocSpaceType SpaceType { get; set; }
    public Guid SpaceId { get; set; }
    public Guid? ParentId { get; set; }
    public required string Name { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>In the trash since then. Only the folder put in the trash is marked: its content goes with it.</summary>
    public DateTime? TrashedAt { get; set; }
}

/// <summary>A document: a stored file (files service, purpose <c>documents.file</c>, owner = this id) with its own name and place.</summary>
public sealed class DocFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DocSpaceType SpaceType { get; set; }
    public Guid SpaceId { get; set; }
    public Guid? FolderId { get; set; }
    /// <summary>Shown and offered on download; renaming keeps the extension the content was detected with.</summary>
    public required string Name { get; set; }
    public Guid StoredFileId { get; set; }
    /// <summary>Copied from the stored file (detected from the content) so that a listing needs no join.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? TrashedAt { get; set; }
}

/// <summary>A file or a folder (and what it contains) shared with a person or a group, to read or to edit.</summary>
public sealed class DocShare
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid? FolderId { get; set; }
    public Guid? FileId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? GroupId { get; set; }
    public bool CanEdit { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class DocFolderConfiguration : IEntityTypeConfiguration<DocFolder>
{
    public void Configure(EntityTypeBuilder<DocFolder> b)
    {
        b.ToTable("doc_folders");
        b.Property(x => x.Name).HasMaxLength(150);
        b.HasIndex(x => new { x.SpaceType, x.SpaceId, x.ParentId, x.Name });
        b.HasIndex(x => x.ParentId);
    }
}

internal sealed class DocFileConfiguration : IEntityTypeConfiguration<DocFile>
{
    public void Configure(EntityTypeBuilder<DocFile> b)
    {
        b.ToTable("doc_files");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(120);
        // The listing: the files of one folder of one space, by name.
        b.HasIndex(x => new { x.SpaceType, x.SpaceId, x.FolderId, x.Name });
        b.HasIndex(x => x.FolderId);
        b.HasIndex(x => x.StoredFileId);
    }
}

internal sealed class DocShareConfiguration : IEntityTypeConfiguration<DocShare>
{
    public void Configure(EntityTypeBuilder<DocShare> b)
    {
        b.ToTable("doc_shares");
        b.HasIndex(x => x.FolderId);
        b.HasIndex(x => x.FileId);
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => x.GroupId);
    }
}
