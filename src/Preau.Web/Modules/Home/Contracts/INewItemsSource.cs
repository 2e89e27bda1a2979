using System.Linq.Expressions;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Contracts;

/// <summary>What the home page counts as new in a space: each kind gets its own words on the service's tile.</summary>
public enum NewKind
{
    Article = 1,
    Photo = 2,
    Document = 3,
    ForumPost = 4,
    HomeworkEntry = 5,
    HandIn = 6,
}

/// <summary>
/// Something that appeared in a space (class, school or group) at <see cref="At"/>. It is new for a person until they
/// open <see cref="Service"/> (a <see cref="ServiceKeys"/> key) of that space after it appeared.
/// </summary>
public sealed class NewItem
{
    public required string Service { get; init; }
    public NewKind Kind { get; init; }
    public Guid SpaceId { get; init; }
    public DateTime At { get; init; }
}

/// <summary>
/// Who asks, and where: the spaces on their home page, those they work in as staff (who see what families do not, and
/// are told of the work handed in rather than of the homework), and the pupils they are or look after.
/// </summary>
public sealed record NewItemsRequest(
    Guid PersonId,
    DateTime Since,
    DateTime Now,
    Guid[] Spaces,
    Guid[] StaffSpaces,
    Guid[] Pupils);

/// <summary>
/// A module's part of the home page's « new since your last visit » counts: a query of what appeared in the request's
/// spaces between <see cref="NewItemsRequest.Since"/> and <see cref="NewItemsRequest.Now"/>, that this person may see
/// and did not make themselves. The home page joins every module's part into one statement, compiled once (the home
/// page is a third of the evening's visits: building and looking up the joined query at each visit cost more processor
/// than the database spent on it); a rule shared with other queries goes in with <c>QueryTemplate.Inline</c>.
/// </summary>
public interface INewItemsSource
{
    Expression<Func<PreauDbContext, NewItemsRequest, IQueryable<NewItem>>> Query { get; }
}
