using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;

namespace Preau.Web.Modules.Communication;

/// <summary>French names of relations and settings (keys of the localizer).</summary>
public static class CommunicationLabels
{
    public static string Relation(Relation relation) => relation switch
    {
        Contracts.Relation.SameClass => "même classe",
        Contracts.Relation.SameSchool => "même école",
        Contracts.Relation.Family => "enseignants et directeur des enfants / familles des élèves",
        Contracts.Relation.SameAuthority => "même collectivité",
        Contracts.Relation.SameDistrict => "même circonscription",
        Contracts.Relation.SameGroup => "même groupe",
        _ => "tout le département",
    };

    public static string Mode(PupilMessaging mode) => mode switch
    {
        PupilMessaging.Open => "Ouverte : les élèves écrivent à leurs enseignants, à leurs camarades et aux membres de leurs groupes",
        PupilMessaging.Closed => "Fermée : les élèves de la classe n'écrivent à personne",
        _ => "Limitée à l'enseignant : les élèves écrivent seulement aux adultes de la classe",
    };

    public static string Scope(CrisisScope scope) => scope switch
    {
        CrisisScope.School => "Une école",
        CrisisScope.Profile => "Un profil",
        _ => "Tout le département",
    };
}
