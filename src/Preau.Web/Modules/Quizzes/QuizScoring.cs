using System.Globalization;
using System.Text;
using Preau.Web.Modules.Quizzes.Data;

namespace Preau.Web.Modules.Quizzes;

/// <summary>
/// The scoring rules, one point per question: single choice and true/false when the chosen choice is the correct one;
/// multiple choice only when exactly the correct set is chosen (no partial credit, as the pupil page says); short answer
/// when the typed text matches an accepted answer, trimmed and compared case- and accent-insensitively.
/// </summary>
public static class QuizScoring
{
    public static bool IsCorrect(Question question, IReadOnlyList<Choice> choices, IReadOnlyCollection<Guid> chosen, string? text)
    {
        switch (question.Kind)
        {
            case QuestionKind.ShortAnswer:
                var typed = Normalize(text);
                return typed.Length > 0 && AcceptedAnswers(question).Any(a => Normalize(a) == typed);
            case QuestionKind.MultipleChoice:
                var correct = choices.Where(c => c.IsCorrect).Select(c => c.Id).ToHashSet();
                return correct.Count > 0 && correct.SetEquals(chosen);
            default:
                return chosen.Count == 1 && choices.Any(c => c.Id == chosen.First() && c.IsCorrect);
        }
    }

    public static IReadOnlyList<string> AcceptedAnswers(Question question) =>
        (question.AcceptedAnswers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"  Éléphant " and "elephant" are the same answer for a 7-year-old: no accents, no case, single spaces.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    sb.Append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Normalize(NormalizationForm.FormC);
    }

    public static int Percent(int score, int total) => total == 0 ? 0 : (int)Math.Round(100.0 * score / total, MidpointRounding.AwayFromZero);
}
