using Preau.Web.Modules.TownHallRequests.Data;

namespace Preau.Web.Modules.TownHallRequests.Requests;

/// <summary>The filter form shared by the school's and the collectivité's lists; <see cref="Schools"/> only on the collectivité's.</summary>
public sealed record FiltersModel(RequestFilter Filter, IReadOnlyList<RequestType> Types, IReadOnlyList<(Guid Id, string Name)>? Schools);

/// <summary>A page of requests; <see cref="Unread"/>: those with something the person has not read yet (an answer, a new request).</summary>
public sealed record RowsModel(IReadOnlyList<RequestRow> Rows, bool ShowSchool, IReadOnlySet<Guid> Unread);
