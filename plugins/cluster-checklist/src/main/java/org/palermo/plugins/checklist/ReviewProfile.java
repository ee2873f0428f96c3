package org.palermo.plugins.checklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A workspace's review profile: the State it works on, the instruments that State is party to,
 * whether it is party to UNCAC, its review group and the calendar year of the Mechanism's first
 * year. From it: the articles that apply in each cluster, and which cluster is under review when.
 *
 * @param state the State, as the workspace names it (ISO 3166 alpha-3 or a name)
 * @param instruments instrument ids (the Convention always among them)
 * @param partyToUncac whether the State is party to the UN Convention against Corruption
 * @param group the review group drawn by lot, 1 to the number of groups
 * @param startYear the calendar year of the Mechanism's year 1 (its preparatory phase)
 */
public record ReviewProfile(String state, Set<String> instruments, boolean partyToUncac,
    int group, int startYear) {

  public ReviewProfile {
    instruments = Set.copyOf(instruments);
  }

  /**
   * Why the profile does not fit the reference data, if it does not: a sentence of the
   * plugin's bundle ("The profile does not fit: ...") for the caller's language.
   */
  public Optional<Line> problem(ReferenceData data) {
    if (state == null || state.isBlank() || state.length() > 100) {
      return Optional.of(new Line("checklist.profile-state"));
    }
    for (String i : instruments) {
      if (!data.instruments().containsKey(i)) {
        return Optional.of(new Line("checklist.profile-instrument", i,
            String.join(", ", data.instruments().keySet())));
      }
    }
    if (!instruments.contains(ReferenceData.CONVENTION)) {
      return Optional.of(new Line("checklist.profile-convention",
          ReferenceData.CONVENTION));
    }
    if (group < 1 || group > data.groups()) {
      return Optional.of(new Line("checklist.profile-group", data.groups()));
    }
    if (startYear < 2000 || startYear > 2100) {
      return Optional.of(new Line("checklist.profile-start-year"));
    }
    return Optional.empty();
  }

  /**
   * The articles reviewed in {@code cluster} for this State: those of the instruments it is
   * party to, without those reserved to Parties not party to UNCAC when it is.
   */
  public List<ReferenceData.Article> articles(ReferenceData data, int cluster) {
    List<ReferenceData.Article> out = new ArrayList<>();
    for (String instrument : data.instruments().keySet()) {
      if (!instruments.contains(instrument)) {
        continue;
      }
      for (ReferenceData.Article a : data.articles()) {
        if (a.instrument().equals(instrument) && a.cluster() == cluster
            && !(a.onlyIfNotPartyToUncac() && partyToUncac)) {
          out.add(a);
        }
      }
    }
    return out;
  }

  /** Where the State's review stands in a year of the Mechanism. */
  public record Phase(int year, int calendarYear, String stage, int cluster, int firstYear,
      int lastYear) {
    /** Stages. */
    public static final String PREPARATORY = "preparatory";
    public static final String WAITING = "waiting";
    public static final String REVIEW = "review";
    public static final String DONE = "done";
  }

  /**
   * The phase in the Mechanism's {@code year} (1 is the first preparatory year): preparatory,
   * waiting for the group's start, the review of a cluster (with its first and last year), or
   * done. Group g starts its first cluster in year preparatory-years + g.
   */
  public Phase phaseIn(ReferenceData data, int year) {
    int calendar = startYear + year - 1;
    if (year <= data.preparatoryYears()) {
      return new Phase(year, calendar, Phase.PREPARATORY, 0, 1, data.preparatoryYears());
    }
    int first = data.preparatoryYears() + group;
    if (year < first) {
      return new Phase(year, calendar, Phase.WAITING, 0, data.preparatoryYears() + 1,
          first - 1);
    }
    int index = (year - first) / data.phaseYears();
    int clusters = data.clusters().size();
    if (index >= clusters) {
      int end = first + clusters * data.phaseYears() - 1;
      return new Phase(year, calendar, Phase.DONE, 0, end + 1, end + 1);
    }
    int from = first + index * data.phaseYears();
    return new Phase(year, calendar, Phase.REVIEW, index + 1, from,
        from + data.phaseYears() - 1);
  }

  /** The Mechanism's year of a calendar year. */
  public int yearOf(int calendarYear) {
    return calendarYear - startYear + 1;
  }

  /** The next phase after the one in {@code year}, empty once all clusters are done. */
  public Optional<Phase> nextAfter(ReferenceData data, int year) {
    Phase now = phaseIn(data, year);
    if (now.stage().equals(Phase.DONE)) {
      return Optional.empty();
    }
    Phase next = phaseIn(data, now.lastYear() + 1);
    return next.stage().equals(Phase.DONE) ? Optional.empty() : Optional.of(next);
  }
}
