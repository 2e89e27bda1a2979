using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.LiaisonBook.Data;

/// <summary>
/// A note of the cahier de liaison. One note may go to several classes (a director's note): the classes are
/// <see cref="NoteClass"/> rows, so that signatures, reminders and the print view stay those of one note.
/// The body is plain text (rendered encoded, line breaks kept).
/// </summary>
public sealed class Note
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SchoolId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Both guardians (up to two) must sign, not just one of them.</summary>
    public bool RequiresBothGuardians { get; set; }
    /// <summary>False when the note goes to chosen pupils only (<see cref="NoteRecipient"/>).</summary>
    public bool ToWholeClass { get; set; } = true;
    public string? Question { get; set; }
    /// <summary>The possible answers, one per line; "Oui" and "Non" for a yes/no question.</summary>
    public string? Choices { get; set; }

    public IReadOnlyList<string> ChoiceList =>
        string.IsNullOrWhiteSpace(Question) ? [] : (Choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class NoteClass
{
    public Guid NoteId { get; set; }
    public Guid ClassId { get; set; }
}

/// <summary>A pupil whose family receives a note that is not for the whole class.</summary>
public sealed class NoteRecipient
{
    public Guid NoteId { get; set; }
    public Guid PupilId { get; set; }
}

/// <summary>"Vu et signé": one guardian, for one child, at a time, with the answer to the note's question if any.</summary>
public sealed class Acknowledgement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid NoteId { get; set; }
    public Guid PupilId { get; set; }
    public Guid GuardianId { get; set; }
    public DateTime SignedAt { get; set; }
    public string? Answer { get; set; }
}

/// <summary>A family's reply to a note, private between that family (the pupil's guardians) and the class's teachers.</summary>
public sealed class Reply
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid NoteId { get; set; }
    public Guid PupilId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime At { get; set; }
}

internal sealed class LiaisonConfigurations :
    IEntityTypeConfiguration<Note>, IEntityTypeConfiguration<NoteClass>, IEntityTypeConfiguration<NoteRecipient>,
    IEntityTypeConfiguration<Acknowledgement>, IEntityTypeConfiguration<Reply>
{
    public void Configure(EntityTypeBuilder<Note> b)
    {
        b.ToTable("liaison_notes");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(8000);
        b.Property(x => x.Question).HasMaxLength(300);
        b.Property(x => x.Choices).HasMaxLength(1000);
        b.HasIndex(x => x.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<NoteClass> b)
    {
        b.ToTable("liaison_note_classes");
        b.HasKey(x => new { x.NoteId, x.ClassId });
        b.HasIndex(x => x.ClassId);
        b.HasOne<Note>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<NoteRecipient> b)
    {
        b.ToTable("liaison_note_recipients");
        b.HasKey(x => new { x.NoteId, x.PupilId });
        b.HasOne<Note>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Acknowledgement> b)
    {
        b.ToTable("liaison_acknowledgements");
        b.Property(x => x.Answer).HasMaxLength(200);
        b.HasIndex(x => new { x.NoteId, x.PupilId, x.GuardianId }).IsUnique();
        b.HasOne<Note>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Reply> b)
    {
        b.ToTable("liaison_replies");
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.NoteId, x.PupilId });
        b.HasOne<Note>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}
