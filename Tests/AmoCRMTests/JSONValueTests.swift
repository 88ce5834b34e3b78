import Foundation
import Testing
@testable import AmoCRM

@Suite struct JSONValueTests {
    @Test func roundTripsSettingsOfEveryShape() throws {
        let text = #"{"a":"x","b":459,"c":2.5,"d":null,"e":[true,{"f":"1039"}],"g":{"504141":{"login":"л","password":"p"}}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value["b"] == .integer(459))
        #expect(value["c"] == .double(2.5))
        #expect(value["g"]?["504141"]?["login"] == .string("л"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let again = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
        #expect(again == value)
        #expect(String(decoding: try encoder.encode(JSONValue.integer(459)), as: UTF8.self) == "459")
    }
}
