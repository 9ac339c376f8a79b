<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AvailabilitySection</name>
    <message numerus="yes">
        <source>Delete %n slots of %1</source>
        <translation>
            <numerusform>Delete %n slot of %1</numerusform>
            <numerusform>Delete %n slots of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n slots from its free time, replacing %2.</source>
        <translation>
            <numerusform>%1: %n slot from its free time, replacing %2.</numerusform>
            <numerusform>%1: %n slots from its free time, replacing %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n slots from the working hours minus its busy time, replacing %2.</source>
        <translation>
            <numerusform>%1: %n slot from the working hours minus its busy time, replacing %2.</numerusform>
            <numerusform>%1: %n slots from the working hours minus its busy time, replacing %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message numerus="yes">
        <source>All %n goals covered</source>
        <translation>
            <numerusform>The %n goal is covered</numerusform>
            <numerusform>All %n goals covered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n items</source>
        <translation>
            <numerusform>Delete %n item</numerusform>
            <numerusform>Delete %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n items</source>
        <translation>
            <numerusform>Duplicate %n item</numerusform>
            <numerusform>Duplicate %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OperationIndicator</name>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n more)</numerusform>
            <numerusform> (+%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordBrowser</name>
    <message numerus="yes">
        <source>Delete %n records</source>
        <translation>
            <numerusform>Delete %n record</numerusform>
            <numerusform>Delete %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaysPanel</name>
    <message numerus="yes">
        <source>Delete %n hotel stays</source>
        <translation>
            <numerusform>Delete %n hotel stay</numerusform>
            <numerusform>Delete %n hotel stays</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WeeklySlotsDialog</name>
    <message numerus="yes">
        <source>Makes %n slots: %1.</source>
        <translation>
            <numerusform>Makes %n slot: %1.</numerusform>
            <numerusform>Makes %n slots: %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
