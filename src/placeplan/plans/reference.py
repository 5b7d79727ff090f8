"""The national frameworks a plan links its outcomes to, described once."""

# The National Performance Framework's national outcomes (Scottish Government, 2018).
NATIONAL_OUTCOMES = [
    (
        "children-and-young-people",
        "Children and Young People",
        "We grow up loved, safe and respected so that we realise our full potential",
    ),
    (
        "communities",
        "Communities",
        "We live in communities that are inclusive, empowered, resilient and safe",
    ),
    (
        "culture",
        "Culture",
        "We are creative and our vibrant and diverse cultures are expressed and enjoyed widely",
    ),
    (
        "economy",
        "Economy",
        "We have a globally competitive, entrepreneurial, inclusive and sustainable economy",
    ),
    ("education", "Education", "We are well educated, skilled and able to contribute to society"),
    ("environment", "Environment", "We value, enjoy, protect and enhance our environment"),
    (
        "fair-work-and-business",
        "Fair Work and Business",
        "We have thriving and innovative businesses, with quality jobs and fair work for everyone",
    ),
    ("health", "Health", "We are healthy and active"),
    (
        "human-rights",
        "Human Rights",
        "We respect, protect and fulfil human rights and live free from discrimination",
    ),
    (
        "international",
        "International",
        "We are open, connected and make a positive contribution internationally",
    ),
    (
        "poverty",
        "Poverty",
        "We tackle poverty by sharing opportunities, wealth and power more equally",
    ),
]

# The national policy priorities for community planning named by Audit Scotland
# ("Improving community planning in Scotland", 2013; seed 003).
POLICY_PRIORITIES = [
    ("economic-recovery", "Economic recovery and growth"),
    ("employment", "Employment"),
    ("early-years", "Early years"),
    ("safer-stronger", "Safer and stronger communities, and reducing offending"),
    ("health-inequalities", "Health inequalities and physical activity"),
    ("older-people", "Outcomes for older people"),
]
