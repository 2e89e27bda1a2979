using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Communication.Data;

/// <summary>One cell of the matrix set by the départemental administrator; absent cells keep <see cref="DefaultMatrix"/>.</summary>
public sealed class CommunicationRule
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Role SenderProfile { get; set; }
    public Role RecipientProfile { get; set; }
    public Relation Relation { get; set; }
    public bool Allowed { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

/// <summary>Pupils' messaging for one class, chosen by its teacher; absent means <see cref="PupilMessaging.TeacherOnly"/>.</summary>
public sealed class ClassMessagingSetting
{
    public Guid ClassId { get; set; }
    public PupilMessaging Mode { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

/// <summary>
/// One pupil's messaging closed on request (a family's, or the teacher's), whatever the class's setting: the pupil
/// writes to nobody and no classmate writes to them; the adults of the class still may.
/// </summary>
public sealed class PupilMessagingClosure
{
    public Guid PupilId { get; set; }
    public DateTime ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }
}

/// <summary>The territory's pupil curfew (one row, id 1); absent means 20:00–07:00, enabled.</summary>
public sealed class CurfewSetting
{
    public int Id { get; set; } = 1;
    public bool Enabled { get; set; } = true;
    public TimeOnly StartsAt { get; set; } = new(20, 0);
    public TimeOnly EndsAt { get; set; } = new(7, 0);
}

public enum CrisisScope
{
    Territory = 0,
    School = 1,
    Profile = 2,
}

/// <summary>Messaging suspended for the territory, a school or a profile, with the text of the banner shown to those affected.</summary>
public sealed class CrisisSwitch
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public CrisisScope Scope { get; set; }
    public Guid? SchoolId { get; set; }
    public Role? Profile { get; set; }
    public required string Message { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public Guid SetBy { get; set; }
    public DateTime CreatedAt { get; set; }
}
