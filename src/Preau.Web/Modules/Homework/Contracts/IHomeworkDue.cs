namespace Preau.Web.Modules.Homework.Contracts;

/// <summary>What the home page shows of the cahier de textes: the work due soon, per pupil.</summary>
public interface IHomeworkDue
{
    /// <summary>
    /// For the current person's own pupils (themselves as a pupil, their children as a guardian): the work due
    /// tomorrow and in the week after, in a fixed number of queries whatever the number of children.
    /// </summary>
    Task<IReadOnlyList<ChildHomework>> ForHomeAsync(CancellationToken ct = default);
}

public sealed record HomeworkItem(Guid EntryId, string Subject, string Work, DateOnly DueOn, string DueLabel, bool HandIn);

/// <summary><paramref name="Tomorrow"/> is the work for the next school day: Monday's on a Friday or a weekend (<paramref name="NextIsMonday"/>).</summary>
public sealed record ChildHomework(Guid PupilId, string FirstName, Guid ClassId, IReadOnlyList<HomeworkItem> Tomorrow, IReadOnlyList<HomeworkItem> ThisWeek, bool NextIsMonday = false);
