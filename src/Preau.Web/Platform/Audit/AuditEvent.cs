using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Audit;

/// <summary>
/// What was done to whom and by whom, for administrators (imports, rollovers, account lifecycle). Ids and
/// counts only; never a password, and names only where the action concerns a structure, not a person.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The person as whom the action was done (during remote assistance: the assisted person).</summary>
    public Guid? ActorId { get; set; }
    public required string Action { get; set; }
    public string? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    public string? Details { get; set; }
    /// <summary>Client address of the request ("from where"); null for background jobs and commands.</summary>
    public string? Ip { get; set; }
    /// <summary>
    /// The help-desk agent really at the keyboard when the action was done on behalf of <see cref="ActorId"/> during
    /// remote assistance (Impersonation); null otherwise. Both names are kept so that no action hides behind the other.
    /// </summary>
    public Guid? ImpersonatorId { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("platform_audit_events");
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.TargetType).HasMaxLength(40);
        b.Property(x => x.Details).HasMaxLength(4000);
        b.Property(x => x.Ip).HasMaxLength(45);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.TargetType, x.TargetId });
        // The journal's searches by person (as actor or as agent) stay indexed as the year fills up.
        b.HasIndex(x => new { x.ActorId, x.At });
        b.HasIndex(x => new { x.ImpersonatorId, x.At });
    }
}

/// <summary>
/// Adds audit events to the current unit of work, so that they commit (or not) with the change they describe.
/// The client address and, during remote assistance, the real agent are taken from the current request, so
/// that no caller has to think of them.
/// </summary>
public sealed class AuditTrail(PreauDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>Claim naming the real agent on a request made during remote assistance (set by the help desk).</summary>
    public const string ImpersonatorClaim = "preau:impersonator";

    public void Add(Guid? actorId, string action, string? targetType = null, Guid? targetId = null, string? details = null) =>
        db.AuditEvents.Add(Create(time, http.HttpContext, actorId, action, targetType, targetId, details));

    /// <summary>An event filled from a request (address, agent); for writers outside the request's unit of work.</summary>
    public static AuditEvent Create(TimeProvider time, HttpContext? context, Guid? actorId, string action, string? targetType = null, Guid? targetId = null, string? details = null) =>
        new()
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is { Length: > 4000 } ? details[..4000] : details,
            Ip = context?.Connection.RemoteIpAddress?.ToString() is { } ip ? ip[..Math.Min(ip.Length, 45)] : null,
            ImpersonatorId = Guid.TryParse(context?.User.FindFirstValue(ImpersonatorClaim), out var agent) ? agent : null,
        };
}
