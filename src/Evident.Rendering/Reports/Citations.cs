namespace Evident.Rendering.Reports;

/// <summary>A published source: how the text cites it and its entry in the reference list.</summary>
/// <param name="Cite">The in-text form, e.g. <c>Viechtbauer 2005</c>.</param>
/// <param name="Entry">The reference-list entry (Vancouver-like).</param>
internal sealed record Citation(string Cite, string Entry);

/// <summary>
/// Every source a report's methods paragraph may cite, in one table, so the paragraph and the reference list cannot
/// disagree. A report lists only the sources its text cites.
/// </summary>
internal static class Citations
{
    public static readonly Citation Hedges1981 = new("Hedges 1981",
        "Hedges LV. Distribution theory for Glass's estimator of effect size and related estimators. J Educ Stat. 1981;6(2):107–128.");

    public static readonly Citation Glass1976 = new("Glass 1976", "Glass GV. Primary, secondary, and meta-analysis of research. Educ Res. 1976;5(10):3–8.");

    public static readonly Citation Bonett2009 = new("Bonett 2009",
        "Bonett DG. Meta-analytic interval estimation for standardized and unstandardized mean differences. Psychol Methods. 2009;14(3):225–238.");

    public static readonly Citation HedgesGurevitchCurtis1999 = new("Hedges et al. 1999",
        "Hedges LV, Gurevitch J, Curtis PS. The meta-analysis of response ratios in experimental ecology. Ecology. 1999;80(4):1150–1156.");

    public static readonly Citation OlkinPratt1958 = new("Olkin & Pratt 1958",
        "Olkin I, Pratt JW. Unbiased estimation of certain correlation coefficients. Ann Math Stat. 1958;29(1):201–211.");

    public static readonly Citation Fisher1921 = new("Fisher 1921",
        "Fisher RA. On the \"probable error\" of a coefficient of correlation deduced from a small sample. Metron. 1921;1:3–32.");

    public static readonly Citation FreemanTukey1950 = new("Freeman & Tukey 1950",
        "Freeman MF, Tukey JW. Transformations related to the angular and the square root. Ann Math Stat. 1950;21(4):607–611.");

    public static readonly Citation Gibbons1993 = new("Gibbons et al. 1993",
        "Gibbons RD, Hedeker DR, Davis JM. Estimation of effect size from a series of experiments involving paired comparisons. J Educ Stat. 1993;18(3):271–279.");

    public static readonly Citation Becker1988 = new("Becker 1988",
        "Becker BJ. Synthesizing standardized mean-change measures. Br J Math Stat Psychol. 1988;41(2):257–278.");

    public static readonly Citation DerSimonianLaird1986 = new("DerSimonian & Laird 1986",
        "DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. 1986;7(3):177–188.");

    public static readonly Citation Viechtbauer2005 = new("Viechtbauer 2005",
        "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the random-effects model. J Educ Behav Stat. 2005;30(3):261–293.");

    public static readonly Citation HardyThompson1996 = new("Hardy & Thompson 1996",
        "Hardy RJ, Thompson SG. A likelihood approach to meta-analysis with random effects. Stat Med. 1996;15(6):619–629.");

    public static readonly Citation PauleMandel1982 = new("Paule & Mandel 1982",
        "Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl Bur Stand. 1982;87(5):377–385.");

    public static readonly Citation Hedges1983 = new("Hedges 1983", "Hedges LV. A random effects model for effect sizes. Psychol Bull. 1983;93(2):388–395.");

    public static readonly Citation SidikJonkman2005 = new("Sidik & Jonkman 2005",
        "Sidik K, Jonkman JN. Simple heterogeneity variance estimation for meta-analysis. J R Stat Soc Ser C Appl Stat. 2005;54(2):367–384.");

    public static readonly Citation HunterSchmidt2004 = new("Hunter & Schmidt 2004",
        "Hunter JE, Schmidt FL. Methods of meta-analysis: correcting error and bias in research findings. 2nd ed. Thousand Oaks (CA): Sage; 2004.");

    public static readonly Citation Morris1983 = new("Morris 1983",
        "Morris CN. Parametric empirical Bayes inference: theory and applications. J Am Stat Assoc. 1983;78(381):47–55.");

    public static readonly Citation Berkey1995 = new("Berkey et al. 1995",
        "Berkey CS, Hoaglin DC, Mosteller F, Colditz GA. A random-effects regression model for meta-analysis. Stat Med. 1995;14(4):395–411.");

    public static readonly Citation Brannick2019 = new("Brannick et al. 2019",
        "Brannick MT, Potter SM, Benitez B, Morris SB. Bias and precision of alternate estimators in meta-analysis: benefits of blending Schmidt-Hunter and Hedges approaches. Organ Res Methods. 2019;22(2):490–514.");

    public static readonly Citation Viechtbauer2021 = new("Viechtbauer 2021",
        "Viechtbauer W. Median-unbiased estimators for the amount of heterogeneity in meta-analysis. European Congress of Methodology, Valencia; 2021.");

    public static readonly Citation DerSimonianKacker2007 = new("DerSimonian & Kacker 2007",
        "DerSimonian R, Kacker R. Random-effects model for meta-analysis of clinical trials: an update. Contemp Clin Trials. 2007;28(2):105–114.");

    public static readonly Citation HartungKnapp2001 = new("Hartung & Knapp 2001",
        "Hartung J, Knapp G. A refined method for the meta-analysis of controlled clinical trials with binary outcome. Stat Med. 2001;20(24):3875–3889.");

    public static readonly Citation SidikJonkman2002 = new("Sidik & Jonkman 2002",
        "Sidik K, Jonkman JN. A simple confidence interval for meta-analysis. Stat Med. 2002;21(21):3153–3159.");

    public static readonly Citation KnappHartung2003 = new("Knapp & Hartung 2003",
        "Knapp G, Hartung J. Improved tests for a random effects meta-regression with a single covariate. Stat Med. 2003;22(17):2693–2710.");

    public static readonly Citation Viechtbauer2007 = new("Viechtbauer 2007",
        "Viechtbauer W. Confidence intervals for the amount of heterogeneity in meta-analysis. Stat Med. 2007;26(1):37–52.");

    public static readonly Citation HigginsThompson2002 = new("Higgins & Thompson 2002",
        "Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis. Stat Med. 2002;21(11):1539–1558.");

    public static readonly Citation Cochran1954 = new("Cochran 1954",
        "Cochran WG. The combination of estimates from different experiments. Biometrics. 1954;10(1):101–129.");

    public static readonly Citation Higgins2009 = new("Higgins et al. 2009",
        "Higgins JPT, Thompson SG, Spiegelhalter DJ. A re-evaluation of random-effects meta-analysis. J R Stat Soc Ser A Stat Soc. 2009;172(1):137–159.");

    public static readonly Citation Riley2011 = new("Riley et al. 2011",
        "Riley RD, Higgins JPT, Deeks JJ. Interpretation of random effects meta-analyses. BMJ. 2011;342:d549.");

    public static readonly Citation MantelHaenszel1959 = new("Mantel & Haenszel 1959",
        "Mantel N, Haenszel W. Statistical aspects of the analysis of data from retrospective studies of disease. J Natl Cancer Inst. 1959;22(4):719–748.");

    public static readonly Citation Robins1986 = new("Robins et al. 1986",
        "Robins J, Breslow N, Greenland S. Estimators of the Mantel-Haenszel variance consistent in both sparse data and large-strata limiting models. Biometrics. 1986;42(2):311–323.");

    public static readonly Citation GreenlandRobins1985 = new("Greenland & Robins 1985",
        "Greenland S, Robins JM. Estimation of a common effect parameter from sparse follow-up data. Biometrics. 1985;41(1):55–68.");

    public static readonly Citation Sato1989 = new("Sato et al. 1989",
        "Sato T, Greenland S, Robins JM. On the variance estimator for the Mantel-Haenszel risk difference. Biometrics. 1989;45(4):1323–1324.");

    public static readonly Citation Yusuf1985 = new("Yusuf et al. 1985",
        "Yusuf S, Peto R, Lewis J, Collins R, Sleight P. Beta blockade during and after myocardial infarction: an overview of the randomized trials. Prog Cardiovasc Dis. 1985;27(5):335–371.");

    public static readonly Citation DeeksHiggins2010 = new("Deeks & Higgins 2010",
        "Deeks JJ, Higgins JPT. Statistical algorithms in Review Manager 5. The Cochrane Collaboration; 2010.");

    public static readonly Citation HandbookChapter10 = new("Deeks et al. 2023",
        "Deeks JJ, Higgins JPT, Altman DG (editors). Chapter 10: Analysing data and undertaking meta-analyses. In: Higgins JPT, Thomas J, Chandler J, Cumpston M, Li T, Page MJ, Welch VA (editors). Cochrane Handbook for Systematic Reviews of Interventions, version 6.4. Cochrane; 2023.");

    public static readonly Citation HandbookChapter13 = new("Page et al. 2023",
        "Page MJ, Higgins JPT, Sterne JAC. Chapter 13: Assessing risk of bias due to missing results in a synthesis. In: Higgins JPT, Thomas J, Chandler J, Cumpston M, Li T, Page MJ, Welch VA (editors). Cochrane Handbook for Systematic Reviews of Interventions, version 6.4. Cochrane; 2023.");

    public static readonly Citation HandbookChapter23 = new("Higgins et al. 2023",
        "Higgins JPT, Eldridge S, Li T (editors). Chapter 23: Including variants on randomized trials. In: Higgins JPT, Thomas J, Chandler J, Cumpston M, Li T, Page MJ, Welch VA (editors). Cochrane Handbook for Systematic Reviews of Interventions, version 6.4. Cochrane; 2023.");

    public static readonly Citation Wan2014 = new("Wan et al. 2014",
        "Wan X, Wang W, Liu J, Tong T. Estimating the sample mean and standard deviation from the sample size, median, range and/or interquartile range. BMC Med Res Methodol. 2014;14:135.");

    public static readonly Citation Luo2018 = new("Luo et al. 2018",
        "Luo D, Wan X, Liu J, Tong T. Optimally estimating the sample mean from the sample size, median, mid-range, and/or mid-quartile range. Stat Methods Med Res. 2018;27(6):1785–1805.");

    public static readonly Citation Shi2020 = new("Shi et al. 2020",
        "Shi J, Luo D, Weng H, Zeng XT, Lin L, Chu H, Tong T. Optimally estimating the sample standard deviation from the five-number summary. Res Synth Methods. 2020;11(5):641–654.");

    public static readonly Citation ThompsonHiggins2002 = new("Thompson & Higgins 2002",
        "Thompson SG, Higgins JPT. How should meta-regression analyses be undertaken and interpreted? Stat Med. 2002;21(11):1559–1573.");

    public static readonly Citation Raudenbush2009 = new("Raudenbush 2009",
        "Raudenbush SW. Analyzing effect sizes: random-effects models. In: Cooper H, Hedges LV, Valentine JC (editors). The handbook of research synthesis and meta-analysis. 2nd ed. New York: Russell Sage Foundation; 2009. p. 295–315.");

    public static readonly Citation Egger1997 = new("Egger et al. 1997",
        "Egger M, Davey Smith G, Schneider M, Minder C. Bias in meta-analysis detected by a simple, graphical test. BMJ. 1997;315(7109):629–634.");

    public static readonly Citation Peters2006 = new("Peters et al. 2006",
        "Peters JL, Sutton AJ, Jones DR, Abrams KR, Rushton L. Comparison of two methods to detect publication bias in meta-analysis. JAMA. 2006;295(6):676–680.");

    public static readonly Citation BeggMazumdar1994 = new("Begg & Mazumdar 1994",
        "Begg CB, Mazumdar M. Operating characteristics of a rank correlation test for publication bias. Biometrics. 1994;50(4):1088–1101.");

    public static readonly Citation DuvalTweedie2000 = new("Duval & Tweedie 2000",
        "Duval S, Tweedie R. Trim and fill: a simple funnel-plot-based method of testing and adjusting for publication bias in meta-analysis. Biometrics. 2000;56(2):455–463.");

    public static readonly Citation Rosenthal1979 = new("Rosenthal 1979",
        "Rosenthal R. The file drawer problem and tolerance for null results. Psychol Bull. 1979;86(3):638–641.");

    public static readonly Citation Orwin1983 = new("Orwin 1983", "Orwin RG. A fail-safe N for effect size in meta-analysis. J Educ Stat. 1983;8(2):157–159.");

    public static readonly Citation Rosenberg2005 = new("Rosenberg 2005",
        "Rosenberg MS. The file-drawer problem revisited: a general weighted method for calculating fail-safe numbers in meta-analysis. Evolution. 2005;59(2):464–468.");

    public static readonly Citation IoannidisTrikalinos2007 = new("Ioannidis & Trikalinos 2007",
        "Ioannidis JPA, Trikalinos TA. An exploratory test for an excess of significant findings. Clin Trials. 2007;4(3):245–253.");

    public static readonly Citation VeveaHedges1995 = new("Vevea & Hedges 1995",
        "Vevea JL, Hedges LV. A general linear model for estimating effect size in the presence of publication bias. Psychometrika. 1995;60(3):419–435.");

    public static readonly Citation HenmiCopas2010 = new("Henmi & Copas 2010",
        "Henmi M, Copas JB. Confidence intervals for random effects meta-analysis and robustness to publication bias. Stat Med. 2010;29(29):2969–2983.");

    public static readonly Citation ViechtbauerCheung2010 = new("Viechtbauer & Cheung 2010",
        "Viechtbauer W, Cheung MWL. Outlier and influence diagnostics for meta-analysis. Res Synth Methods. 2010;1(2):112–125.");

    public static readonly Citation Lau1992 = new("Lau et al. 1992",
        "Lau J, Antman EM, Jimenez-Silva J, Kupelnick B, Mosteller F, Chalmers TC. Cumulative meta-analysis of therapeutic trials for myocardial infarction. N Engl J Med. 1992;327(4):248–254.");

    public static readonly Citation Olkin2012 = new("Olkin et al. 2012",
        "Olkin I, Dahabreh IJ, Trikalinos TA. GOSH - a graphical display of study heterogeneity. Res Synth Methods. 2012;3(3):214–223.");

    public static readonly Citation Viechtbauer2010 = new("Viechtbauer 2010",
        "Viechtbauer W. Conducting meta-analyses in R with the metafor package. J Stat Softw. 2010;36(3):1–48.");
}
