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
    public Guid? ActorId { get; set; }
    public required string Action { get; set; }
    public string? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    public string? Details { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("platform_audit_events");
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.TargetType).HasMaxLength(40);
        b.Property(x => x.Details).HasMaxLength(4000);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.TargetType, x.TargetId });
    }
}

/// <summary>Adds audit events to the current unit of work, so that they commit (or not) with the change they describe.</summary>
public sealed class AuditTrail(PreauDbContext db, TimeProvider time)
{
    public void Add(Guid? actorId, string action, string? targetType = null, Guid? targetId = null, string? details = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is { Length: > 4000 } ? details[..4000] : details,
        });
}
