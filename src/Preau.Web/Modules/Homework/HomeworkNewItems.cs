using System.Linq.Expressions;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework;

/// <summary>
/// For the home page, on a class's cahier de textes: for its pupils and families, the entries written since (for the
/// whole class, or for the pupil or their child); for its staff, the work pupils handed in since.
/// </summary>
internal sealed class HomeworkNewItems : INewItemsSource
{
    public Expression<Func<PreauDbContext, NewItemsRequest, IQueryable<NewItem>>> Query { get; } = (db, r) =>
        (from e in db.HomeworkEntries
         where r.Spaces.Contains(e.ClassId) && !r.StaffSpaces.Contains(e.ClassId)
             && e.CreatedAt > r.Since && e.CreatedAt <= r.Now && e.AuthorId != r.PersonId
             && (e.ToWholeClass || db.HomeworkEntryPupils.Any(c => c.EntryId == e.Id && r.Pupils.Contains(c.PupilId)))
         select new NewItem { Service = ServiceKeys.Homework, Kind = NewKind.HomeworkEntry, SpaceId = e.ClassId, At = e.CreatedAt })
        .Concat(
            from s in db.HomeworkSubmissions
            where s.SubmittedAt > r.Since && s.SubmittedAt <= r.Now
            join e in db.HomeworkEntries on s.EntryId equals e.Id
            where r.StaffSpaces.Contains(e.ClassId)
            select new NewItem { Service = ServiceKeys.Homework, Kind = NewKind.HandIn, SpaceId = e.ClassId, At = s.SubmittedAt });
}
