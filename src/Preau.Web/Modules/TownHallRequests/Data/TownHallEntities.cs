using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.TownHallRequests.Data;

/// <summary>The kind behind a request type, so that the seeded defaults are recognised and the list can be filtered even when renamed.</summary>
public enum RequestCategory
{
    Repair = 0,
    Equipment = 1,
    It = 2,
    Event = 3,
    Other = 4,
}

public enum RequestUrgency
{
    Low = 0,
    Normal = 1,
    High = 2,
}

/// <summary>new → in progress → done / refused (a new request may also be refused at once).</summary>
public enum RequestStatus
{
    New = 0,
    InProgress = 1,
    Done = 2,
    Refused = 3,
}

/// <summary>A kind of request a collectivité accepts (seeded with five defaults, renamed, archived or added by its agents).</summary>
public sealed class RequestType
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid LocalAuthorityId { get; set; }
    public required string Name { get; set; }
    public RequestCategory Category { get; set; }
    public int Position { get; set; }
    /// <summary>Archived types stay on their old requests but are no longer offered to schools.</summary>
    public bool IsArchived { get; set; }
}

/// <summary>An agent of the collectivité who handles the requests of a type (notified of them).</summary>
public sealed class RequestTypeHandler
{
    public Guid TypeId { get; set; }
    public Guid PersonId { get; set; }
}

/// <summary>A collectivité's choices for its requests; no row means the defaults (directors only).</summary>
public sealed class TownHallSettings
{
    public Guid LocalAuthorityId { get; set; }
    public bool TeachersMayFile { get; set; }
}

/// <summary>
/// A school's request to the collectivité that serves it. <see cref="LocalAuthorityId"/> is the collectivité at the time
/// of filing: a request stays with the town hall it was sent to. <see cref="CloseSeconds"/> is kept when it is closed so
/// that the average time to close is one portable SQL aggregate on both databases.
/// </summary>
public sealed class Request
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SchoolId { get; set; }
    public Guid LocalAuthorityId { get; set; }
    public Guid TypeId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public RequestUrgency Urgency { get; set; } = RequestUrgency.Normal;
    public RequestStatus Status { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public long? CloseSeconds { get; set; }
    /// <summary>The agent who follows the request (« Suivie par »); until someone takes it, the type's handlers or every agent.</summary>
    public Guid? AssigneeId { get; set; }
}

/// <summary>
/// A comment (both sides read it), an internal note (<see cref="IsInternal"/>: the town hall only) or a status change
/// (<see cref="NewStatus"/>, with an optional message for the school).
/// </summary>
public sealed class RequestComment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RequestId { get; set; }
    public Guid AuthorId { get; set; }
    public string? Text { get; set; }
    public bool IsInternal { get; set; }
    public RequestStatus? NewStatus { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A photo or document of a request, held by the files service (purpose townhall.photo, owner the request), with its
/// thumbnail for a photo. Sent with the request, or later with one of its comments (<see cref="CommentId"/>).
/// </summary>
public sealed class RequestPhoto
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RequestId { get; set; }
    /// <summary>The comment it came with (a quote sent with the answer, say); null for the request's own files.</summary>
    public Guid? CommentId { get; set; }
    public Guid FileId { get; set; }
    public Guid? ThumbnailFileId { get; set; }
    public int Position { get; set; }
}

internal sealed class TownHallConfigurations :
    IEntityTypeConfiguration<RequestType>, IEntityTypeConfiguration<RequestTypeHandler>, IEntityTypeConfiguration<TownHallSettings>,
    IEntityTypeConfiguration<Request>, IEntityTypeConfiguration<RequestComment>, IEntityTypeConfiguration<RequestPhoto>
{
    public void Configure(EntityTypeBuilder<RequestType> b)
    {
        b.ToTable("townhall_types");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.LocalAuthorityId, x.Position });
    }

    public void Configure(EntityTypeBuilder<RequestTypeHandler> b)
    {
        b.ToTable("townhall_type_handlers");
        b.HasKey(x => new { x.TypeId, x.PersonId });
        b.HasOne<RequestType>().WithMany().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TownHallSettings> b)
    {
        b.ToTable("townhall_settings");
        b.HasKey(x => x.LocalAuthorityId);
    }

    public void Configure(EntityTypeBuilder<Request> b)
    {
        b.ToTable("townhall_requests");
        b.Property(x => x.Title).HasMaxLength(150);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.HasIndex(x => new { x.LocalAuthorityId, x.CreatedAt });
        b.HasIndex(x => new { x.SchoolId, x.CreatedAt });
        b.HasIndex(x => new { x.LocalAuthorityId, x.TypeId, x.ClosedAt });
        b.HasIndex(x => new { x.LocalAuthorityId, x.AssigneeId, x.CreatedAt });
        b.HasOne<RequestType>().WithMany().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RequestComment> b)
    {
        b.ToTable("townhall_comments");
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.RequestId, x.CreatedAt });
        b.HasOne<Request>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RequestPhoto> b)
    {
        b.ToTable("townhall_photos");
        b.HasIndex(x => x.RequestId);
        b.HasOne<Request>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
