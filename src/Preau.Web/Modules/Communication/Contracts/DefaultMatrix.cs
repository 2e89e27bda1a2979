using Preau.Web.Modules.People.Data;
using static Preau.Web.Modules.Communication.Contracts.Relation;
using static Preau.Web.Modules.People.Data.Role;

namespace Preau.Web.Modules.Communication.Contracts;

/// <summary>
/// The primary-school defaults of PRODUCT §4, used for every cell the administrator has not changed.
/// Pupil → pupil cells are further gated by the class setting (closed to pupils unless the teacher opens it).
/// </summary>
public static class DefaultMatrix
{
    public static readonly IReadOnlyList<Role> Profiles =
        [Pupil, Guardian, Teacher, Director, SchoolStaff, MunicipalAgent, Partner, Advisor, TerritoryAdmin, Level2Support];

    public static readonly IReadOnlyList<Relation> Relations = [SameClass, SameSchool, Family, SameAuthority, SameDistrict, SameGroup, Relation.Territory];

    private static readonly Role[] Staff = [Teacher, Director, SchoolStaff];

    private static readonly HashSet<(Role, Role, Relation)> Allowed = Build();

    public static bool IsAllowed(Role from, Role to, Relation relation) => Allowed.Contains((from, to, relation));

    private static HashSet<(Role, Role, Relation)> Build()
    {
        var set = new HashSet<(Role, Role, Relation)>
        {
            // Pupils: their teachers and the adults of their class; classmates and group members when the teacher opens it.
            (Pupil, Teacher, SameClass), (Pupil, SchoolStaff, SameClass), (Pupil, Pupil, SameClass),
            (Pupil, Pupil, SameGroup), (Pupil, Teacher, SameGroup),
            // Parents: their children's teachers and director; never other parents by default.
            (Guardian, Teacher, Family), (Guardian, SchoolStaff, Family), (Guardian, Director, Family),
            // Agents: directors and teachers of their collectivité's schools, and each other.
            (MunicipalAgent, Director, SameAuthority), (MunicipalAgent, Teacher, SameAuthority), (MunicipalAgent, MunicipalAgent, SameAuthority),
            // Partners: inside their groups.
            (Partner, Pupil, SameGroup), (Partner, Teacher, SameGroup), (Partner, Director, SameGroup), (Partner, SchoolStaff, SameGroup),
            (Partner, Partner, SameGroup), (Partner, MunicipalAgent, SameGroup), (Partner, Advisor, SameGroup),
            // A partner invited into a class and the class's adults (ADR 0037); not its pupils nor its families.
            (Partner, Teacher, SameClass), (Partner, SchoolStaff, SameClass), (Teacher, Partner, SameClass), (SchoolStaff, Partner, SameClass),
            // Advisors: the staff of their circonscription's schools and the other advisors of it.
            (Advisor, Director, SameDistrict), (Advisor, Teacher, SameDistrict), (Advisor, SchoolStaff, SameDistrict), (Advisor, Advisor, SameDistrict),
        };
        foreach (var s in Staff)
        {
            // Staff: their school (adults and pupils), the families of their pupils, their advisors and their agents, their groups.
            foreach (var to in new[] { Pupil, Teacher, Director, SchoolStaff })
            {
                set.Add((s, to, SameSchool));
                set.Add((s, to, SameClass));
                set.Add((s, to, SameGroup));
            }
            set.Add((s, Guardian, Family));
            set.Add((s, Advisor, SameDistrict));
            set.Add((s, MunicipalAgent, SameAuthority));
            set.Add((s, Partner, SameGroup));
            set.Add((s, MunicipalAgent, SameGroup));
            set.Add((s, Advisor, SameGroup));
        }
        foreach (var to in Profiles)
        {
            // Administrators and level-2 support may write to anyone.
            set.Add((TerritoryAdmin, to, Relation.Territory));
            set.Add((Level2Support, to, Relation.Territory));
        }
        return set;
    }
}
