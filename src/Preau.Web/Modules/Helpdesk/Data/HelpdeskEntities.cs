using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Helpdesk.Data;

public enum TicketCategory
{
    Connexion = 0,
    Messagerie = 1,
    Documents = 2,
    CahierDeTextes = 3,
    Blogs = 4,
    Comptes = 5,
    Autre = 9,
}

public enum TicketStatus
{
    /// <summary>Nobody has answered yet.</summary>
    New = 0,
    InProgress = 1,
    /// <summary>An agent asked the author something.</summary>
    WaitingForAuthor = 2,
    Closed = 3,
}

/// <summary>Level 1: the advisors of the author's circonscription and the territory's administrators. Level 2: the maintainers.</summary>
public enum TicketLevel
{
    Level1 = 1,
    Level2 = 2,
}

/// <summary>A help-desk request of a signed-in person, with where it came from and how it was dealt with.</summary>
public sealed class Ticket
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid AuthorId { get; set; }
    /// <summary>
    /// The circonscription whose advisors answer at level 1, found from the author's school when the ticket is filed
    /// (null when the author has none, e.g. a town-hall agent: the territory's administrators answer).
    /// </summary>
    public Guid? DistrictId { get; set; }
    public Guid? SchoolId { get; set; }
    public TicketCategory Category { get; set; }
    public required string Subject { get; set; }
    public required string Description { get; set; }
    /// <summary>The page the author came from (local path), attached by the « Besoin d'aide ? » link.</summary>
    public string? PageUrl { get; set; }
    public TicketStatus Status { get; set; }
    public TicketLevel Level { get; set; } = TicketLevel.Level1;
    public Guid? AssigneeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>First answer of an agent to the author: the first-response time is measured to it.</summary>
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? EscalatedAt { get; set; }
    /// <summary>Resolution time is measured to it; cleared if the ticket is reopened.</summary>
    public DateTime? ClosedAt { get; set; }
    /// <summary>1 to 5, given by the author once the ticket is closed.</summary>
    public int? Satisfaction { get; set; }
    public string? SatisfactionComment { get; set; }
}

public enum TicketEventKind
{
    Created = 0,
    Reply = 1,
    /// <summary>A note between agents, never shown to the author.</summary>
    InternalNote = 2,
    Escalated = 3,
    ReturnedToLevel1 = 4,
    Assigned = 5,
    StatusChanged = 6,
    Rated = 7,
    ConsentGiven = 8,
    ConsentWithdrawn = 9,
    ImpersonationStarted = 10,
    ImpersonationEnded = 11,
}

/// <summary>One line of a ticket's full history: replies, notes, and every change of level, status or assignee.</summary>
public sealed class TicketEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TicketId { get; set; }
    public Guid ActorId { get; set; }
    public TicketEventKind Kind { get; set; }
    /// <summary>Plain text of a reply or note, or a short French description of the change.</summary>
    public string? Body { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// The author's consent to remote assistance for one ticket, until <see cref="ExpiresAt"/>. Any agent who may handle
/// the ticket can act as the author within it; withdrawing it ends any session at the next request.
/// </summary>
public sealed class ImpersonationConsent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TicketId { get; set; }
    public Guid UserId { get; set; }
    public DateTime GrantedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
}

/// <summary>An agent acting as a ticket's author, within a consent; checked on every request of the agent.</summary>
public sealed class ImpersonationSession
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ConsentId { get; set; }
    public Guid TicketId { get; set; }
    public Guid AgentId { get; set; }
    public Guid UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

public enum HelpArticleKind
{
    /// <summary>A problem known to the support, with its workaround, listed for everybody until resolved.</summary>
    KnownProblem = 0,
    /// <summary>The help page of one service (<see cref="HelpArticle.Service"/>).</summary>
    ServiceHelp = 1,
}

/// <summary>Help written by level 1: known problems and one help page per service, in sanitized simple rich text.</summary>
public sealed class HelpArticle
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public HelpArticleKind Kind { get; set; }
    /// <summary>Key of the service for a help page ("messagerie", "forum"…), null for a known problem.</summary>
    public string? Service { get; set; }
    public required string Title { get; set; }
    /// <summary>Sanitized by the blogs' sanitizer when saved.</summary>
    public required string BodyHtml { get; set; }
    /// <summary>A known problem that is fixed stays listed as resolved.</summary>
    public bool IsResolved { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid UpdatedById { get; set; }
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("helpdesk_tickets");
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(8000);
        b.Property(x => x.PageUrl).HasMaxLength(500);
        b.Property(x => x.SatisfactionComment).HasMaxLength(2000);
        b.HasIndex(x => new { x.AuthorId, x.UpdatedAt });
        // The level-1 queue of a circonscription and the level-2 queue, newest activity first.
        b.HasIndex(x => new { x.DistrictId, x.Level, x.Status, x.UpdatedAt });
        b.HasIndex(x => new { x.Level, x.Status, x.UpdatedAt });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.ToTable("helpdesk_ticket_events");
        b.Property(x => x.Body).HasMaxLength(8000);
        b.HasIndex(x => new { x.TicketId, x.At });
        b.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImpersonationConsentConfiguration : IEntityTypeConfiguration<ImpersonationConsent>
{
    public void Configure(EntityTypeBuilder<ImpersonationConsent> b)
    {
        b.ToTable("helpdesk_impersonation_consents");
        b.HasIndex(x => new { x.TicketId, x.ExpiresAt });
        b.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImpersonationSessionConfiguration : IEntityTypeConfiguration<ImpersonationSession>
{
    public void Configure(EntityTypeBuilder<ImpersonationSession> b)
    {
        b.ToTable("helpdesk_impersonation_sessions");
        b.HasIndex(x => x.AgentId);
        b.HasOne<ImpersonationConsent>().WithMany().HasForeignKey(x => x.ConsentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HelpArticleConfiguration : IEntityTypeConfiguration<HelpArticle>
{
    public void Configure(EntityTypeBuilder<HelpArticle> b)
    {
        b.ToTable("helpdesk_articles");
        b.Property(x => x.Service).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.BodyHtml).HasMaxLength(40000);
        b.HasIndex(x => new { x.Kind, x.IsResolved, x.UpdatedAt });
        b.HasIndex(x => x.Service);
    }
}
