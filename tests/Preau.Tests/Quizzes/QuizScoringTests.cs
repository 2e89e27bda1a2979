using Preau.Web.Modules.Quizzes;
using Preau.Web.Modules.Quizzes.Data;

namespace Preau.Tests.Quizzes;

/// <summary>One point per question, by the rules stated to teachers and pupils.</summary>
public sealed class QuizScoringTests
{
    private static (Question Question, List<Choice> Choices) Make(QuestionKind kind, params bool[] correct)
    {
        var q = new Question { Kind = kind, Text = "?" };
        return (q, [.. correct.Select((c, i) => new Choice { QuestionId = q.Id, Position = i, Text = $"C{i}", IsCorrect = c })]);
    }

    [Fact]
    public void SingleChoice_ScoresOnlyTheCorrectChoiceAlone()
    {
        var (q, c) = Make(QuestionKind.SingleChoice, false, true, false);
        Assert.True(QuizScoring.IsCorrect(q, c, [c[1].Id], null));
        Assert.False(QuizScoring.IsCorrect(q, c, [c[0].Id], null));
        Assert.False(QuizScoring.IsCorrect(q, c, [], null));
        // A forged post with two radios checked does not win the point.
        Assert.False(QuizScoring.IsCorrect(q, c, [c[1].Id, c[0].Id], null));
    }

    [Fact]
    public void TrueFalse_ScoresTheRightAnswer()
    {
        var (q, c) = Make(QuestionKind.TrueFalse, false, true);
        Assert.True(QuizScoring.IsCorrect(q, c, [c[1].Id], null));
        Assert.False(QuizScoring.IsCorrect(q, c, [c[0].Id], null));
        Assert.False(QuizScoring.IsCorrect(q, c, [], null));
    }

    [Fact]
    public void MultipleChoice_ScoresOnlyTheExactSetOfCorrectChoices()
    {
        var (q, c) = Make(QuestionKind.MultipleChoice, true, false, true);
        Assert.True(QuizScoring.IsCorrect(q, c, [c[2].Id, c[0].Id], null));
        Assert.False(QuizScoring.IsCorrect(q, c, [c[0].Id], null));
        Assert.False(QuizScoring.IsCorrect(q, c, [c[0].Id, c[1].Id, c[2].Id], null));
        Assert.False(QuizScoring.IsCorrect(q, c, [], null));
    }

    [Theory]
    [InlineData("Éléphant", true)]
    [InlineData("  ELEPHANT  ", true)]
    [InlineData("elephant", true)]
    [InlineData("éléphant   d'Afrique", true)]
    [InlineData("Éléphants", false)]
    [InlineData("girafe", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void ShortAnswer_MatchesAnAcceptedAnswer_TrimmedCaseAndAccentInsensitive(string typed, bool expected)
    {
        var q = new Question { Kind = QuestionKind.ShortAnswer, Text = "?", AcceptedAnswers = "Éléphant\nÉléphant d'Afrique\n" };
        Assert.Equal(expected, QuizScoring.IsCorrect(q, [], [], typed));
    }

    [Fact]
    public void ShortAnswer_WithLigatures_MatchesTheSpelledOutForm()
    {
        var q = new Question { Kind = QuestionKind.ShortAnswer, Text = "?", AcceptedAnswers = "Œuf" };
        Assert.True(QuizScoring.IsCorrect(q, [], [], "oeuf"));
    }

    [Theory]
    [InlineData(3, 4, 75)]
    [InlineData(2, 3, 67)]
    [InlineData(0, 0, 0)]
    public void Percent_IsRounded(int score, int total, int expected) => Assert.Equal(expected, QuizScoring.Percent(score, total));
}
