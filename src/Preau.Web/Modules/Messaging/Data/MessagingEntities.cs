using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Messaging.Data;

/// <summary>The sender's copy of a message: a draft until sent, then in « Envoyés », then maybe in the trash.</summary>
public enum SenderState
{
    Draft = 0,
    Sent = 1,
    Trash = 2,
    /// <summary>Deleted for good by the sender; the recipients keep their copies.</summary>
    Deleted = 3,
}

/// <summary>Where a recipient keeps their copy.</summary>
public enum RecipientState
{
    Inbox = 0,
    Trash = 1,
    Deleted = 2,
}

public enum RecipientKind
{
    To = 0,
    Cc = 1,
}

/// <summary>
/// A message of the messagerie. The body is plain text (rendered encoded, line breaks kept), so nothing a sender
/// types can run in a reader's browser. Replies and forwards carry the <see cref="ThreadId"/> of the original.
/// </summary>
public sealed class Message
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ThreadId { get; set; }
    public Guid SenderId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Null while a draft.</summary>
    public DateTime? SentAt { get; set; }
    public SenderState SenderState { get; set; }
    public bool SenderIsPupil { get; set; }
    /// <summary>What the sender chose (« Familles de la classe CE1 », names), shown in « Envoyés » instead of hundreds of names.</summary>
    public string? RecipientSummary { get; set; }
    /// <summary>A draft's chosen recipients as picker tokens (<c>p:id</c>, <c>cf:class</c>…), one per line; « À » then « Cc » marked by a <c>cc|</c> prefix.</summary>
    public string? DraftRecipients { get; set; }
    public Guid? InReplyToId { get; set; }
    public DateTime? HiddenAt { get; set; }
    public Guid? HiddenBy { get; set; }
}

/// <summary>One recipient's copy: read state and folder, per person. <see cref="SentAt"/> is copied for the inbox index.</summary>
public sealed class MessageRecipient
{
    public Guid MessageId { get; set; }
    public Guid PersonId { get; set; }
    public RecipientKind Kind { get; set; }
    public DateTime SentAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public RecipientState State { get; set; }
}

/// <summary>« Signaler »: a person asks the moderators to look at a message they received or sent.</summary>
public sealed class MessageReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid MessageId { get; set; }
    public Guid ReporterId { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }
    /// <summary>True when the moderator hid the message when closing the report.</summary>
    public bool Hidden { get; set; }
}

/// <summary>
/// Who moderates a report, decided when it is filed: the classes of the pupils concerned (their teachers) and the
/// schools concerned (their directors). Territory administrators see every report.
/// </summary>
public sealed class MessageReportScope
{
    public Guid ReportId { get; set; }
    public ScopeType ScopeType { get; set; }
    public Guid ScopeId { get; set; }
}

internal sealed class MessagingConfigurations :
    IEntityTypeConfiguration<Message>, IEntityTypeConfiguration<MessageRecipient>,
    IEntityTypeConfiguration<MessageReport>, IEntityTypeConfiguration<MessageReportScope>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.ToTable("messaging_messages");
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(20000);
        b.Property(x => x.RecipientSummary).HasMaxLength(500);
        b.Property(x => x.DraftRecipients).HasMaxLength(20000);
        // « Envoyés », « Brouillons » and the sender's trash.
        b.HasIndex(x => new { x.SenderId, x.SenderState, x.SentAt });
        b.HasIndex(x => x.ThreadId);
    }

    public void Configure(EntityTypeBuilder<MessageRecipient> b)
    {
        b.ToTable("messaging_recipients");
        b.HasKey(x => new { x.MessageId, x.PersonId });
        // The inbox: one person's copies in one folder, newest first.
        b.HasIndex(x => new { x.PersonId, x.State, x.SentAt }).IsDescending(false, false, true);
        // The unread count of every home page and menu: a few index entries instead of a heap page per message kept.
        b.HasIndex(x => new { x.PersonId, x.State }, "IX_messaging_recipients_unread").HasFilter("\"ReadAt\" IS NULL");
        b.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MessageReport> b)
    {
        b.ToTable("messaging_reports");
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasIndex(x => new { x.MessageId, x.ClosedAt });
        b.HasIndex(x => x.CreatedAt);
        b.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MessageReportScope> b)
    {
        b.ToTable("messaging_report_scopes");
        b.HasKey(x => new { x.ReportId, x.ScopeType, x.ScopeId });
        b.HasIndex(x => new { x.ScopeType, x.ScopeId });
        b.HasOne<MessageReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
