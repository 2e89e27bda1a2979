using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Data;

namespace Preau.Web.Modules.UsageStats.Bench;

/// <summary>
/// Generates raw usage events as a real school year would have them (deterministic for a seed): many families in
/// the evening on school days, teachers during the day, pupils in class hours, little on weekends and in August;
/// each active person logs in, opens pages and sometimes acts. Used by the roll-up benchmark and its tests.
/// </summary>
public sealed class UsageEventGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly (string Service, string Action)[] StaffActions =
        [("messagerie", "envoi"), ("liaison", "mot"), ("cahier-de-textes", "travail"), ("blog", "article"), ("albums", "photo"),
         ("documents", "depot"), ("agenda", "evenement"), ("competences", "validation"), ("forum", "message")];

    private static readonly (string Service, string Action)[] FamilyActions =
        [("liaison", "signature"), ("liaison", "signature"), ("messagerie", "envoi"), ("liaison", "reponse"), ("blog", "commentaire")];

    private static readonly (string Service, string Action)[] PupilActions =
        [("quiz", "reponse-quiz"), ("cahier-de-textes", "rendu"), ("forum", "message"), ("blog", "article")];

    private static readonly string[] ViewedServices =
        ["accueil", "accueil", "accueil", "messagerie", "liaison", "cahier-de-textes", "blog", "albums", "agenda", "documents", "actualites", "quiz"];

    /// <summary>The share of each profile active on an ordinary school day.</summary>
    private static double DailyShare(Role profile) => profile switch
    {
        Role.Guardian => 0.22,
        Role.Pupil => 0.12,
        Role.Teacher or Role.Director or Role.SchoolStaff => 0.65,
        _ => 0.5,
    };

    private static double DayFactor(DateOnly day) =>
        day.Month == 8 ? 0.03
        : day.DayOfWeek is DayOfWeek.Saturday ? 0.15
        : day.DayOfWeek is DayOfWeek.Sunday ? 0.25
        : day.DayOfWeek is DayOfWeek.Wednesday ? 0.5
        : 1.0;

    public IEnumerable<UsageEvent> Generate(IReadOnlyList<(Guid PersonId, PersonPlace Place)> people, DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var factor = DayFactor(day);
            foreach (var (person, place) in people)
            {
                if (_random.NextDouble() >= DailyShare(place.Profile) * factor)
                {
                    continue;
                }
                var hour = HourOf(place.Profile);
                var logins = _random.NextDouble() < 0.2 ? 2 : 1;
                for (var i = 0; i < logins; i++)
                {
                    yield return Event(person, place, day, i == 0 ? hour : Math.Min(23, hour + 2), UsageCatalog.Accounts, UsageCatalog.Login);
                }
                var views = 2 + _random.Next(6);
                for (var i = 0; i < views; i++)
                {
                    yield return Event(person, place, day, hour, ViewedServices[_random.Next(ViewedServices.Length)], UsageCatalog.View);
                }
                var actions = place.Profile switch
                {
                    Role.Guardian => FamilyActions,
                    Role.Pupil => PupilActions,
                    _ => StaffActions,
                };
                var acts = _random.NextDouble() < 0.5 ? 1 + _random.Next(3) : 0;
                for (var i = 0; i < acts; i++)
                {
                    var (service, action) = actions[_random.Next(actions.Length)];
                    yield return Event(person, place, day, hour, service, action);
                }
            }
        }
    }

    private int HourOf(Role profile) => profile switch
    {
        Role.Guardian => _random.NextDouble() < 0.7 ? 17 + _random.Next(5) : 7 + _random.Next(2),
        Role.Pupil => 9 + _random.Next(7),
        _ => _random.NextDouble() < 0.6 ? 8 + _random.Next(9) : 18 + _random.Next(4),
    };

    private UsageEvent Event(Guid person, PersonPlace place, DateOnly day, int hour, string service, string action)
    {
        var local = day.ToDateTime(new TimeOnly(hour, _random.Next(60)));
        return new UsageEvent
        {
            At = Platform.Time.ParisDate.ToUtc(local),
            Day = day,
            Hour = (short)hour,
            PersonId = person,
            Profile = (short)place.Profile,
            SchoolId = place.SchoolId,
            ClassId = place.ClassId,
            DistrictId = place.DistrictId,
            AuthorityId = place.AuthorityId,
            Service = service,
            Action = action,
        };
    }
}
