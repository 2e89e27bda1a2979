using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Homework.Data;

/// <summary>A subject area of a class's cahier de textes: seeded from the official programmes, renamed or hidden by the teacher.</summary>
public sealed class Subject
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ClassId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
    /// <summary>Hidden subjects are no longer offered for new entries; old entries keep their name.</summary>
    public bool IsHidden { get; set; }
}

/// <summary>
/// One entry of the cahier de textes, for one class, day and subject: what was done in class (the séance) and/or
/// the work to do for <see cref="DueOn"/>. Work "à rendre" opens a drop box until <see cref="DueAt"/> (UTC).
/// Texts are plain (rendered encoded, line breaks kept).
/// </summary>
public sealed class Entry
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ClassId { get; set; }
    public Guid SubjectId { get; set; }
    public Guid AuthorId { get; set; }
    /// <summary>The day of the séance (the entry's place in the week view).</summary>
    public DateOnly Day { get; set; }
    public string? Session { get; set; }
    public string? Work { get; set; }
    public DateOnly? DueOn { get; set; }
    public bool HandIn { get; set; }
    /// <summary>Deadline of the drop box, in UTC (the due day and time were chosen in Europe/Paris).</summary>
    public DateTime? DueAt { get; set; }
    /// <summary>The teacher reopened the drop box after its deadline.</summary>
    public bool Reopened { get; set; }
    /// <summary>False when the work is for chosen pupils only (<see cref="EntryPupil"/>).</summary>
    public bool ToWholeClass { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class EntryPupil
{
    public Guid EntryId { get; set; }
    public Guid PupilId { get; set; }
}

/// <summary>A pupil's casier for one piece of work: its files belong to the files service (purpose homework.submission).</summary>
public sealed class Submission
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EntryId { get; set; }
    public Guid PupilId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public string? Comment { get; set; }
    public DateTime? CommentedAt { get; set; }
}

internal sealed class HomeworkConfigurations :
    IEntityTypeConfiguration<Subject>, IEntityTypeConfiguration<Entry>, IEntityTypeConfiguration<EntryPupil>, IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Subject> b)
    {
        b.ToTable("homework_subjects");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.ClassId);
    }

    public void Configure(EntityTypeBuilder<Entry> b)
    {
        b.ToTable("homework_entries");
        b.Property(x => x.Session).HasMaxLength(4000);
        b.Property(x => x.Work).HasMaxLength(4000);
        b.HasIndex(x => new { x.ClassId, x.Day });
        b.HasIndex(x => new { x.ClassId, x.DueOn });
        // The home page's « nouveautés »: a class's entries of the last month, not its year (ADR 0036).
        b.HasIndex(x => new { x.ClassId, x.CreatedAt });
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EntryPupil> b)
    {
        b.ToTable("homework_entry_pupils");
        b.HasKey(x => new { x.EntryId, x.PupilId });
        b.HasOne<Entry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.ToTable("homework_submissions");
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.HasIndex(x => new { x.EntryId, x.PupilId }).IsUnique();
        b.HasOne<Entry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
