// Factories of every right-hand view, so the main frame knows none of their classes.
#pragma once

#include "view.hpp"

#include "onebook/archive/sections.hpp"

#include <string>
#include <vector>

class wxFileHistory;

namespace onebook::shell {

// section_view.cpp
View* make_welcome_view(wxWindow* parent, Shell& shell, wxFileHistory& history);
View* make_chapter_view(wxWindow* parent, Shell& shell, const std::string& chapter_id,
                        const std::vector<archive::Section>& sections);
/// A section of the book: its view and/or what it holds (records, documents, rule texts, entries)
/// as tabs.
View* make_section_view(wxWindow* parent, Shell& shell, const archive::Section& section);
/// Views that are not sections: "rules" (the rules check), "plan" (plan vs done).
View* make_special_view(wxWindow* parent, Shell& shell, const Target& target);
// search_view.cpp
View* make_search_view(wxWindow* parent, Shell& shell, const std::string& query);

// records_view.cpp
View* make_records_panel(wxWindow* parent, Shell& shell, const archive::Section& section);
View* make_plan_view(wxWindow* parent, Shell& shell);
// documents_view.cpp
View* make_documents_panel(wxWindow* parent, Shell& shell, const std::string& section_id);
View* make_catalogue_view(wxWindow* parent, Shell& shell);
// text_views.cpp
View* make_ruletexts_panel(wxWindow* parent, Shell& shell, const archive::Section& section);
View* make_entries_panel(wxWindow* parent, Shell& shell, const archive::Section& section);
/// The half-yearly party dues figures (the 党费收缴 section).
View* make_dues_panel(wxWindow* parent, Shell& shell);
// work_views.cpp
View* make_rules_view(wxWindow* parent, Shell& shell);
View* make_assessment_view(wxWindow* parent, Shell& shell);
View* make_rectification_view(wxWindow* parent, Shell& shell);

} // namespace onebook::shell
