using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Homework.Contracts;
using Preau.Web.Modules.News.Contracts;
using Preau.Web.Modules.Agenda.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Home.Dashboard;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(SpacesQuery spaces, AccessContext context, IHomeNews news, IAgendaUpcoming agenda, IHomeworkDue homework, TimeProvider time) : PageModel
{
    public IReadOnlyList<Space> Spaces { get; private set; } = [];
    public IReadOnlyList<SpaceService> Personal { get; private set; } = [];
    public string FirstName { get; private set; } = "";
    public bool IsAdmin { get; private set; }
    public bool MayCreateGroups { get; private set; }
    /// <summary>Teachers, directors, advisors and administrators reach the training sessions.</summary>
    public bool SeesTraining { get; private set; }
    /// <summary>A municipal agent's collectivité, for the link to its subscription.</summary>
    public Guid? AgentAuthorityId { get; private set; }
    public IReadOnlyList<HomeNewsItem> News { get; private set; } = [];
    public bool MoreNews { get; private set; }
    /// <summary>A pupil (and nothing else): the news read as "the news of my school", bigger and shorter.</summary>
    public bool ForPupil { get; private set; }
    public bool MayWriteNews { get; private set; }
    /// <summary>Work due soon: the pupil's own, or one block per child for a guardian.</summary>
    public IReadOnlyList<ChildHomework> Homework { get; private set; } = [];

    /// <summary>How many news items the home page shows; the rest are on /actualites.</summary>
    public const int NewsOnHome = 5;
    public IReadOnlyList<UpcomingEvent> Upcoming { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var a = await context.GetAsync();
        IsAdmin = a.IsOperator;
        MayCreateGroups = People.Groups.GroupService.MayCreate(a);
        SeesTraining = a.IsTerritoryAdmin || a.HasRole(People.Data.Role.Teacher) || a.HasRole(People.Data.Role.Director) || a.HasRole(People.Data.Role.Advisor);
        AgentAuthorityId = a.ScopeIds(People.Data.Role.MunicipalAgent, People.Data.ScopeType.LocalAuthority).Select(id => (Guid?)id).FirstOrDefault();
        FirstName = a.FirstName;
        Spaces = await spaces.GetAsync();
        (News, MoreNews) = await news.GetAsync(NewsOnHome);
        MayWriteNews = a.IsTerritoryAdmin || a.DirectedSchoolIds.Any() || a.HasRole(Role.MunicipalAgent);
        ForPupil = a.HasRole(Role.Pupil) && a.Memberships.All(m => m.Role == Role.Pupil) && !a.IsGuardian;
        Personal = await spaces.PersonalAsync();
        // The next three events of the agendas the person reads, over the coming month.
        var today = Platform.Time.ParisDate.Today(time);
        Upcoming = await agenda.GetAsync(a.PersonId, today, today.AddDays(31), 3);
        Homework = await homework.ForHomeAsync();
    }
}
