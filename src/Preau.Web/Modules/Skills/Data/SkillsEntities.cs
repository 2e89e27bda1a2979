using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Skills.Data;

/// <summary>
/// A referential of digital skills (B2i école, CRCN…), data the administrator updates by importing a new JSON.
/// Each import bumps <see cref="Version"/>; items keep their stable codes so that pupils' sheets survive updates.
/// </summary>
public sealed class Referential
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The edition named by the text itself ("2011", "2019"…), shown next to the name.</summary>
    public string? Edition { get; set; }
    public int Version { get; set; } = 1;
    public DateTime ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
    public int Order { get; set; }
    /// <summary>Null when the referential has no attestation (the CRCN); otherwise the share of all items to acquire.</summary>
    public int? AttestationTotalPercent { get; set; }
    /// <summary>The share of the items of EACH domain to acquire for the attestation.</summary>
    public int? AttestationDomainPercent { get; set; }
}

public sealed class Domain
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string ReferentialCode { get; set; }
    public required string Code { get; set; }
    public required string Label { get; set; }
    public int Order { get; set; }
    /// <summary>Absent from the latest import: hidden from grids, kept for the history of sheets.</summary>
    public bool Retired { get; set; }
}

public sealed class Item
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string ReferentialCode { get; set; }
    public Guid DomainId { get; set; }
    /// <summary>Stable across versions: an import matches items by this code.</summary>
    public required string Code { get; set; }
    public required string Label { get; set; }
    /// <summary>The "je sais…" aptitudes (or the levels of a CRCN competence), one per line.</summary>
    public string Details { get; set; } = "";
    public int Order { get; set; }
    public bool Retired { get; set; }
    /// <summary>The referential version in which the item was retired, for the admin page.</summary>
    public int? RetiredInVersion { get; set; }

    public IReadOnlyList<string> DetailLines => Details.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum SkillState
{
    NotAssessed = 0,
    InProgress = 1,
    Acquired = 2,
}

/// <summary>
/// The current state of one item for one pupil. Keyed by person, never by class: the sheet follows the pupil
/// across classes, years and schools. The validating teacher's name is frozen as text at validation time.
/// </summary>
public sealed class Validation
{
    public Guid PupilId { get; set; }
    public Guid ItemId { get; set; }
    public SkillState State { get; set; }
    public DateTime ChangedAt { get; set; }
    public Guid? TeacherId { get; set; }
    public required string TeacherName { get; set; }
}

/// <summary>One change of state, never updated nor deleted: who changed what, when.</summary>
public sealed class ValidationEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PupilId { get; set; }
    public Guid ItemId { get; set; }
    public SkillState From { get; set; }
    public SkillState To { get; set; }
    public DateTime At { get; set; }
    public Guid? TeacherId { get; set; }
    public required string TeacherName { get; set; }
    /// <summary>Where the pupil was when the change was made (the sheet follows them elsewhere afterwards).</summary>
    public string? ClassName { get; set; }
}

internal sealed class SkillsConfigurations :
    IEntityTypeConfiguration<Referential>, IEntityTypeConfiguration<Domain>, IEntityTypeConfiguration<Item>,
    IEntityTypeConfiguration<Validation>, IEntityTypeConfiguration<ValidationEvent>
{
    public void Configure(EntityTypeBuilder<Referential> b)
    {
        b.ToTable("skills_referentials");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Edition).HasMaxLength(40);
        b.Property(x => x.ImportedBy).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<Domain> b)
    {
        b.ToTable("skills_domains");
        b.Property(x => x.ReferentialCode).HasMaxLength(40);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Label).HasMaxLength(300);
        b.HasIndex(x => new { x.ReferentialCode, x.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Item> b)
    {
        b.ToTable("skills_items");
        b.Property(x => x.ReferentialCode).HasMaxLength(40);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Label).HasMaxLength(500);
        b.Property(x => x.Details).HasMaxLength(4000);
        b.HasIndex(x => new { x.ReferentialCode, x.Code }).IsUnique();
        b.Ignore(x => x.DetailLines);
    }

    public void Configure(EntityTypeBuilder<Validation> b)
    {
        b.ToTable("skills_validations");
        b.HasKey(x => new { x.PupilId, x.ItemId });
        b.Property(x => x.TeacherName).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<ValidationEvent> b)
    {
        b.ToTable("skills_validation_events");
        b.Property(x => x.TeacherName).HasMaxLength(200);
        b.Property(x => x.ClassName).HasMaxLength(200);
        b.HasIndex(x => new { x.PupilId, x.At });
    }
}
