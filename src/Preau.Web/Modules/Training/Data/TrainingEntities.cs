using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Training.Data;

/// <summary>A training session published by an advisor for the teachers of their circonscription.</summary>
public sealed class TrainingSession
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DistrictId { get; set; }
    public required string Topic { get; set; }
    public string? Description { get; set; }
    /// <summary>UTC; chosen and shown in Paris time.</summary>
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Place { get; set; }
    /// <summary>An https link for a session by video.</summary>
    public string? VideoUrl { get; set; }
    public int Seats { get; set; }
    /// <summary>
    /// Seats taken, moved only by a conditional UPDATE in the registration's transaction, so that the seat limit holds
    /// when many teachers register at the same moment (the row lock orders them; see TrainingActions).
    /// </summary>
    public int Taken { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the reminders of the day before were queued; set once, by whichever pass claims it first.</summary>
    public DateTime? RemindersSentAt { get; set; }
}

public sealed class TrainingRegistration
{
    public Guid SessionId { get; set; }
    public Guid PersonId { get; set; }
    public DateTime RegisteredAt { get; set; }
    /// <summary>Recorded by the advisor after the session; null until then.</summary>
    public bool? Attended { get; set; }
}

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> b)
    {
        b.ToTable("training_sessions");
        b.Property(x => x.Topic).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.Place).HasMaxLength(300);
        b.Property(x => x.VideoUrl).HasMaxLength(500);
        b.HasIndex(x => new { x.DistrictId, x.StartsAt });
        b.HasIndex(x => new { x.RemindersSentAt, x.StartsAt });
    }
}

internal sealed class TrainingRegistrationConfiguration : IEntityTypeConfiguration<TrainingRegistration>
{
    public void Configure(EntityTypeBuilder<TrainingRegistration> b)
    {
        b.ToTable("training_registrations");
        b.HasKey(x => new { x.SessionId, x.PersonId });
        b.HasIndex(x => x.PersonId);
    }
}
