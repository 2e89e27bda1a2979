using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.People;

/// <summary>French names of roles and relationships (keys of the localizer).</summary>
public static class PeopleLabels
{
    public static string Role(Role role) => role switch
    {
        Data.Role.Pupil => "Élève",
        Data.Role.Guardian => "Responsable",
        Data.Role.Teacher => "Enseignant",
        Data.Role.Director => "Directeur",
        Data.Role.SchoolStaff => "Personnel d'école",
        Data.Role.MunicipalAgent => "Agent de collectivité",
        Data.Role.Partner => "Partenaire",
        Data.Role.Advisor => "Conseiller",
        Data.Role.TerritoryAdmin => "Administrateur départemental",
        Data.Role.Level2Support => "Support niveau 2",
        _ => role.ToString(),
    };

    public static string Relationship(Relationship relationship) => relationship switch
    {
        Data.Relationship.Mother => "Mère",
        Data.Relationship.Father => "Père",
        Data.Relationship.Tutor => "Tuteur",
        _ => "Autre",
    };

    public static string GroupRole(GroupRole role) => role switch
    {
        Data.GroupRole.Owner => "Propriétaire",
        Data.GroupRole.Moderator => "Modérateur",
        Data.GroupRole.Contributor => "Contributeur",
        Data.GroupRole.Member => "Membre",
        _ => "Lecteur",
    };

    public static string Scope(ScopeType scope) => scope switch
    {
        ScopeType.Territory => "Département",
        ScopeType.District => "Circonscription",
        ScopeType.LocalAuthority => "Collectivité",
        ScopeType.School => "École",
        ScopeType.Class => "Classe",
        _ => "Groupe",
    };
}
